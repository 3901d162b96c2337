// The panel of reported data: what the course told the simulated LMS (SCORM
// CMI) or the embedded LRS (xAPI and cmi5 statements), summed up so that
// status, score and each interaction read at a glance, with the raw data one
// click away. Its words come from words.js; what the course reported is shown as it is.
import { clock, h } from './dom.js';
import { count, say, words } from './words.js';

const { panel: text } = words;

const TONE = {
  passed: 'ok', completed: 'ok', correct: 'ok',
  failed: 'bad', wrong: 'bad', incorrect: 'bad',
  incomplete: 'warn', browsed: 'warn',
};

const pill = (text, tone = TONE[text] ?? 'idle') => h('span.pill', { class: tone }, text || '—');

function stat(label, field, ...value) {
  return h('div.stat', null, h('div.stat-label', null, label), h('div.stat-value', { dataset: { field } }, ...value));
}

function raw(key, label, value) {
  return h('details.raw', { dataset: { key } }, h('summary', null, label), h('pre', null, typeof value === 'string' ? value : JSON.stringify(value, null, 2)));
}

function empty(text) {
  return h('p.empty', null, text);
}

/** "q-id · attempt 2" for the interaction ids the packages write, the id itself otherwise. */
function questionLabel(id) {
  const m = /^urn:skillpack:[^:]+:(.+):(\d+)$/.exec(id) ?? /^(.+)_a(\d+)$/.exec(id);
  return m ? [m[1], h('span.attempt', null, ` #${m[2]}`)] : [id];
}

function interactionTable(rows) {
  if (rows.length === 0) return h('section.block', null, h('h3', null, text.interactions), empty(text.noInteractions));
  return h(
    'section.block',
    null,
    h('h3', null, `${text.interactions} `, h('span.count', null, String(rows.length))),
    h(
      'table.interactions',
      null,
      h('thead', null, h('tr', null, h('th', null, text.question), h('th', null, text.response), h('th', null, text.result))),
      h(
        'tbody',
        null,
        rows.map((r) =>
          h(
            'tr',
            { dataset: { result: r.result || 'none' } },
            h('td.q', { title: `${r.id}${r.type ? ` (${r.type})` : ''}` }, ...questionLabel(r.id)),
            h('td.response', { title: r.response }, r.response || '—'),
            h('td', null, r.result ? pill(r.label ?? r.result, TONE[r.result]) : '—'),
          ),
        ),
      ),
    ),
  );
}

/** Interactions from the flattened CMI, in index order. */
function cmiInteractions(flat, responseKey) {
  const list = [];
  for (const [key, value] of Object.entries(flat)) {
    const m = /^cmi\.interactions\.(\d+)\.(id|type|result|student_response|learner_response)$/.exec(key);
    if (m) (list[Number(m[1])] ??= {})[m[2]] = value;
  }
  return list.filter(Boolean).map((i) => ({ id: i.id ?? '', type: i.type, response: i[responseKey] ?? '', result: i.result ?? '' }));
}

function percent(scaled) {
  const n = Number(scaled);
  return scaled === '' || scaled === undefined || scaled === null || !Number.isFinite(n) ? null : `${Math.round(n * 1000) / 10} %`;
}

function callsLine(calls, names) {
  const parts = [
    calls.initialized ? `${names.init} ${clock(calls.initialized)}` : say(text.waitingFor, { call: names.init }),
    count(text.commits, calls.commits),
    calls.finished ? `${names.finish} ${clock(calls.finished)}` : null,
  ].filter(Boolean);
  return h('p.calls', null, parts.join(' · '));
}

function scormReport(lms) {
  const flat = lms.flat();
  const v12 = lms.launch.scorm.version === '1.2';
  const get = (k) => flat[k] ?? '';
  const rows = cmiInteractions(flat, v12 ? 'student_response' : 'learner_response');
  let status, score, place;
  if (v12) {
    status = [pill(get('cmi.core.lesson_status'))];
    const rawScore = get('cmi.core.score.raw');
    score = rawScore === '' ? ['—'] : [h('strong', null, rawScore), h('span.sub', null, ` / ${get('cmi.core.score.max') || '100'}`)];
    place = get('cmi.core.lesson_location');
  } else {
    status = [pill(get('cmi.completion_status')), ' ', pill(get('cmi.success_status'))];
    status[0].title = 'cmi.completion_status';
    status[2].title = 'cmi.success_status';
    const p = percent(get('cmi.score.scaled'));
    score = p ? [h('strong', null, p), get('cmi.score.raw') ? h('span.sub', null, ` ${get('cmi.score.raw')} / ${get('cmi.score.max')}`) : null] : ['—'];
    place = get('cmi.location');
  }
  return [
    h('div.summary', null, stat(text.status, 'status', ...status), stat(text.score, 'score', ...score), stat(text.interactions, 'interactions', String(rows.length)), stat(text.location, 'location', place || '—')),
    callsLine(lms.calls, lms.names),
    lms.moodle ? moodleBlock(lms.moodle.snapshot()) : null,
    interactionTable(rows),
    raw('cmi-flat', count(text.cmiElements, Object.keys(flat).length), Object.entries(flat).map(([k, val]) => `${k} = ${val}`).join('\n')),
    raw('cmi-json', text.cmiJson, lms.tree()),
  ].filter(Boolean);
}

/** Moodle's view (moodle-profile.js): launch mode, gradebook, and what it refused or lost while the page unloaded. */
function moodleBlock(m) {
  const grade = m.gradebook ? `${m.gradebook.grade} / 100` : '—';
  const line = h('p.calls', { dataset: { field: 'moodle' } }, say(text.moodle, { mode: m.mode, entry: m.entry || '""', grade, used: m.beacons.used, budget: m.beacons.budget }));
  const problems = [
    ...m.refused.map((r) => say(text.moodleRefused, { call: r.call, element: `${r.element}${r.value ? ` = ${r.value.slice(0, 60)}` : ''}`, code: r.code })),
    ...m.beacons.dropped.map((d) => say(text.moodleLost, { call: d.call, bytes: d.bytes })),
  ];
  if (!problems.length) return line;
  return h(
    'div',
    null,
    line,
    h('section.block.rejections', { dataset: { field: 'moodle-problems' } }, h('h3', null, `${text.moodleProblems} `, h('span.count', null, String(problems.length))), h('ol.rejection-list', null, problems.map((problem) => h('li.rejection', null, h('p.rejection-message', null, problem))))),
  );
}

const verbOf = (s) => {
  const display = s.verb?.display ?? {};
  return display['en-US'] ?? display.en ?? Object.values(display)[0] ?? String(s.verb?.id ?? '').split('/').pop();
};

const nameOf = (object) => {
  const name = object?.definition?.name ?? {};
  return name['en-US'] ?? name.en ?? Object.values(name)[0] ?? String(object?.id ?? '');
};

function resultLine(result) {
  if (!result) return null;
  const parts = [];
  const p = percent(result.score?.scaled);
  const mark = (yes) => (yes ? '✓' : '✗');
  if (p) parts.push(say(text.resultScore, { score: p }));
  else if (result.score?.raw !== undefined) parts.push(say(text.resultScore, { score: result.score.raw }));
  if (result.success !== undefined) parts.push(say(text.resultSuccess, { mark: mark(result.success) }));
  if (result.completion !== undefined) parts.push(say(text.resultCompletion, { mark: mark(result.completion) }));
  if (result.response !== undefined) parts.push(say(text.resultResponse, { response: result.response }));
  if (result.duration) parts.push(result.duration);
  return parts.length ? h('div.st-result', null, parts.join(' · ')) : null;
}

/** The cmi5 requirement's number without the LMS's own prefix. */
const requirementLabel = (id) => (id.startsWith('lms:') ? id.slice(4) : `cmi5 ${id}`);

/** What the strict cmi5 LMS refused, newest first: each with its requirement, the reason and the statement's verb. */
function rejectionBlock(rejections) {
  if (!rejections.length) return null;
  const verbName = (iri) => (iri ? String(iri).split('/').pop() : text.request);
  const items = [...rejections].reverse().map((r, i) =>
    h(
      'li.rejection',
      { dataset: { requirement: r.requirement } },
      h('div.st-line', null, h('span.requirement', null, requirementLabel(r.requirement)), h('span.verb.bad', null, verbName(r.verb)), h('time', { datetime: r.at }, clock(r.at))),
      h('p.rejection-message', null, r.message, r.index !== null && r.index !== undefined ? say(text.inRequest, { number: r.index + 1 }) : ''),
      raw(`rej-${rejections.length - i}`, text.refusalData, r),
    ),
  );
  return h(
    'section.block.rejections',
    null,
    h('h3', null, `${text.refused} `, h('span.count', null, String(rejections.length))),
    h('p.rejections-note', null, text.refusedNote),
    h('ol.rejection-list', null, items),
  );
}

function statementReport(statements, rejections = []) {
  const answered = statements.filter((s) => verbOf(s) === 'answered');
  const judged = statements.filter((s) => ['passed', 'failed'].includes(verbOf(s))).at(-1);
  const completed = statements.some((s) => verbOf(s) === 'completed');
  const status = [judged ? pill(verbOf(judged)) : null, completed ? pill('completed') : null].filter(Boolean).flatMap((p, i) => (i ? [' ', p] : [p]));
  const judgement = (success) => (success === true ? 'correct' : success === false ? 'incorrect' : 'neutral');
  const p = percent(judged?.result?.score?.scaled);
  const rows = answered.map((s) => {
    const result = judgement(s.result?.success);
    // `result` is no value the course reported (xAPI has its success, true or false): shown in the panel's words.
    return { id: nameOf(s.object), type: s.object?.definition?.interactionType, response: s.result?.response ?? '', result, label: text.judged[result] };
  });
  const list = [...statements].reverse().map((s) =>
    h(
      'li.statement',
      { dataset: { verb: verbOf(s) } },
      h('div.st-line', null, h('span.verb', { class: TONE[verbOf(s)] ?? '' }, verbOf(s)), h('span.st-object', { title: s.object?.id ?? '' }, nameOf(s.object)), h('time', { datetime: s.timestamp }, clock(s.timestamp))),
      resultLine(s.result),
      raw(`st-${s.id}`, text.rawStatement, s),
    ),
  );
  return [
    rejectionBlock(rejections),
    h('div.summary', null, stat(text.status, 'status', ...(status.length ? status : [pill(text.notAttempted, 'idle')])), stat(text.score, 'score', p ? h('strong', null, p) : '—'), stat(text.interactions, 'interactions', String(rows.length)), stat(text.statements, 'statements', String(statements.length))),
    interactionTable(rows),
    h('section.block', null, h('h3', null, `${text.statements} `, h('span.count', null, String(statements.length))), list.length ? h('ol.statements', null, list) : empty(text.noStatements)),
    raw('statements-json', text.allStatements, statements),
  ];
}

function webReport(stored) {
  return [
    h('p.note', null, text.webNote),
    stored ? raw('web-state', text.webState, stored) : empty(text.webNothing),
  ];
}

/**
 * Render the panel.
 * @param {HTMLElement} container
 * @param {{ target: string, lms: import('./lms.js').ScormLms | null, statements: object[], rejections: object[], webState: string | null, waiting: string | null }} model
 */
export function renderReport(container, model) {
  // Keep what the reviewer opened and where they scrolled across re-renders.
  const open = new Set([...container.querySelectorAll('details[open]')].map((d) => d.dataset.key));
  const scroll = container.scrollTop;
  let content;
  if (model.waiting) content = [empty(model.waiting)];
  else if (model.lms) content = scormReport(model.lms);
  else if (model.target === 'xapi' || model.target === 'cmi5') content = statementReport(model.statements, model.rejections ?? []).filter(Boolean);
  else content = webReport(model.webState);
  container.replaceChildren(...content);
  for (const d of container.querySelectorAll('details')) if (open.has(d.dataset.key)) d.open = true;
  container.scrollTop = scroll;
}
