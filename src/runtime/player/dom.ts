/**
 * A tiny element builder: the player has no framework, and this keeps view code
 * declarative enough to read without adding weight to the bundle.
 */

/** What `h` accepts as a child; null/false/undefined are skipped so conditions read inline. */
export type Child = Node | string | number | null | undefined | false | Child[];

/** Attribute values; functions under `on…` names become event listeners. */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;

/**
 * Create an element.
 * @param tag element name
 * @param attrs attributes: `class`, `html` (trusted, already sanitised HTML), `on<event>` listeners,
 *   booleans as present/absent attributes, everything else with setAttribute
 * @param children text, nodes or nested arrays
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'html') el.innerHTML = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * Append children (see {@link Child}) to a node.
 * @param parent where to append
 * @param children what to append
 */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

let counter = 0;
/**
 * A document-unique id for label/aria wiring.
 * @param prefix readable prefix
 */
export function uid(prefix: string): string {
  counter += 1;
  return `sp-${prefix}-${counter}`;
}

/**
 * Move focus to an element (a view's heading) without scrolling jumps for mouse users,
 * so screen readers announce the new view.
 * @param el element to focus; made programmatically focusable
 */
export function focusHeading(el: HTMLElement | null): void {
  if (!el) return;
  el.setAttribute('tabindex', '-1');
  el.focus();
}
