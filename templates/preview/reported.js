// Gathering what the running attempt reported and keeping the panel current:
// statements (and the cmi5 LMS's refusals) from the server, the web package's browser storage, and one
// re-render per animation frame however many changes arrive.
import { api, byId } from './dom.js';
import { renderReport } from './panel.js';
import { current, state } from './state.js';
import { words } from './words.js';

async function fetchStatements() {
  const registration = state.launch?.registration;
  if (!registration) return;
  const { statements, rejections } = await api('GET', `/api/statements?registration=${encodeURIComponent(registration)}`);
  if (state.launch?.registration !== registration) return;
  state.statements = statements;
  state.rejections = rejections ?? [];
  schedulePanel();
}

let loading = null;
let again = false;

/** Fetch the running attempt's statements; news arriving meanwhile cause one more fetch, not one each. */
export function loadStatements() {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      do {
        again = false;
        await fetchStatements();
      } while (again);
    } finally {
      loading = null;
    }
  })();
  return loading;
}

/** The web package's saved state in this browser (its localStorage key starts with the course id). */
function webState() {
  const id = current()?.id;
  if (!id) return null;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(`skillpack:${id}@`)) return `${key}\n\n${localStorage.getItem(key)}`;
  }
  return null;
}

/** Forget the packages' browser-side progress: for one course id, or every course (a new learner). */
export function clearWebState(id) {
  const prefix = id ? `skillpack:${id}@` : 'skillpack:';
  for (const store of [localStorage, sessionStorage]) {
    for (const key of Object.keys(store)) if (key.startsWith(prefix)) store.removeItem(key);
  }
}

let pending = 0;
let lastWebState = null;

/** Re-render the panel at the next animation frame. */
export function schedulePanel() {
  if (pending) return;
  pending = requestAnimationFrame(() => {
    pending = 0;
    const summary = current();
    const waiting = state.launch ? null : summary?.builtAt && !summary.built ? words.panel.nothingBuilt : words.panel.waiting;
    lastWebState = state.target === 'web' ? webState() : null;
    renderReport(byId('report'), { target: state.target, lms: state.lms, statements: state.statements, rejections: state.rejections, strictCmi5: state.strictCmi5, webState: lastWebState, waiting });
  });
}

// The web package writes to localStorage without telling anyone: look now and then.
setInterval(() => {
  if (state.target === 'web' && state.launch && webState() !== lastWebState) schedulePanel();
}, 1000);
