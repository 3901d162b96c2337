/**
 * A modal yes/no question on the native <dialog>, which gives focus trapping, Escape
 * and focus return for free; window.confirm where <dialog> is missing.
 */
import { h } from './dom.js';

export interface ConfirmText {
  title: string;
  body: string;
  yes: string;
  no: string;
}

/**
 * Ask the learner to confirm.
 * @param text title, body and button labels
 * @returns true when confirmed
 */
export function confirmDialog(text: ConfirmText): Promise<boolean> {
  const dialog = h('dialog', { class: 'sp-dialog', 'aria-labelledby': 'sp-dialog-title', 'aria-describedby': 'sp-dialog-body' });
  if (typeof dialog.showModal !== 'function') return Promise.resolve(window.confirm(`${text.title}\n\n${text.body}`));
  const opener = document.activeElement as HTMLElement | null;
  return new Promise((resolve) => {
    let answer = false;
    const close = (value: boolean) => {
      answer = value;
      dialog.close();
    };
    const no = h('button', { type: 'button', class: 'sp-btn sp-btn-quiet', onclick: () => close(false) }, text.no);
    dialog.append(
      h('h2', { id: 'sp-dialog-title' }, text.title),
      h('p', { id: 'sp-dialog-body' }, text.body),
      h('div', { class: 'sp-actions' }, no, h('button', { type: 'button', class: 'sp-btn sp-btn-primary', onclick: () => close(true) }, text.yes)),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(answer);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    // The safe choice gets focus: Enter must not submit an unfinished exam by accident.
    no.focus();
  });
}
