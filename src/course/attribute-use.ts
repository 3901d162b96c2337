/**
 * Whether a question's heading attributes are ones its type reads, with values it can read:
 * `case=sensitive` on a single-choice question, or `case=foo` on a fill-in one, would otherwise
 * change nothing, silently.
 */
import type { RuleId } from '../diagnostics/catalogue.js';
import type { Place } from '../diagnostics/diagnostic.js';
import { firstFullWidth, typeInstead } from '../languages/full-width.js';
import { QUESTION_TYPES, type QuestionType } from './model.js';
import { READ_BY_ALL, type Attributes } from './question-syntax.js';
import { COMPILER_KINDS } from './question-types/index.js';


/**
 * Report each attribute of a question's heading that its type does not read, or whose value it
 * cannot read, at the attribute. True when there is none.
 */
export function reportAttributeUse(type: QuestionType, attributes: Attributes, report: (rule: RuleId, message: string, place?: Place) => void): boolean {
  let fine = true;
  for (const [key, value] of Object.entries(attributes.values)) {
    if (READ_BY_ALL.includes(key)) continue;
    const check = COMPILER_KINDS[type].attributes?.[key];
    const fullWidth = firstFullWidth(value);
    const problem = check ? check(value) : ignored(type, key, value);
    if (!problem) continue;
    report('question-attribute', check && fullWidth ? `${problem}: ${typeInstead(fullWidth)}` : problem, attributes.valuePlaces[key]);
    fine = false;
  }
  return fine;
}

/** What a report of an attribute that a question's type does not read says. */
function ignored(type: QuestionType, key: string, value: string): string {
  const readers = QUESTION_TYPES.filter((t) => COMPILER_KINDS[t].attributes?.[key]);
  return `${type} questions do not read ${key}= (only ${readers.join(' and ')} questions do), so ${key}=${value} changes nothing learners get: remove it`;
}
