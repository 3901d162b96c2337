/** Helpers of the resume-state codec shared by the question types (see state.ts). */
import type { Option } from '../../course/model.js';

/** Cut a text to at most `max` UTF-16 units without splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const out = text.slice(0, max);
  const last = out.charCodeAt(out.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? out.slice(0, -1) : out;
}

/** Whether `order` holds each of `ids` exactly once. */
export const isPermutation = (order: string, ids: readonly string[]): boolean =>
  order.length === ids.length && new Set(order).size === ids.length && [...order].every((c) => ids.includes(c));

/** The ids of options, in order. */
export const idsOf = (options: readonly Option[]): string[] => options.map((o) => o.id);

/** Whether one of the options has this id. */
export const hasId = (options: readonly Option[], id: string): boolean => options.some((o) => o.id === id);
