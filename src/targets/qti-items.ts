/**
 * One QTI 2.1 assessmentItem per question (QTI 2.1 Information Model §4–§5):
 * a responseDeclaration with the correct response, SCORE (0..1; the test weights
 * it by the question's points) and FEEDBACK outcomes, the interaction that fits
 * the question type, response processing, and modal feedback.
 *
 * Response processing names the standard template (match_correct, map_response)
 * and also spells out its rules, because the template alone sets no FEEDBACK and
 * the course's feedback would be lost; numeric ranges need custom rules anyway.
 */
import type { Language, Question } from '../course/model.js';
import { compilerKind } from '../course/question-types/index.js';
import type { QtiParts } from './qti-parts.js';
import { escapeXml, identifier, xhtml } from './xml.js';

export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
const TEMPLATES = 'http://www.imsglobal.org/question/qti_v2p1/rptemplates/';

/** The item's identifier and file name inside the package. */
export function itemIdentifier(question: Question): string {
  return identifier('item-', question.id);
}

const value = (v: string) => `<value>${escapeXml(v)}</value>`;

/** The type's part of the item (its `qti` in `src/course/question-types/`). */
const parts = (question: Question, shuffleChoices: boolean, language: Language): QtiParts => compilerKind(question.type).qti(question, shuffleChoices, language);

function responseDeclaration(p: QtiParts): string {
  const correct = p.correct.length ? `<correctResponse>${p.correct.map(value).join('')}</correctResponse>` : '';
  const mapping = p.mapping
    ? `<mapping defaultValue="0" upperBound="1">${p.mapping.values.map((v) => `<mapEntry mapKey="${escapeXml(v)}" mappedValue="1" caseSensitive="${p.mapping!.caseSensitive}"/>`).join('')}</mapping>`
    : '';
  return `<responseDeclaration identifier="RESPONSE" cardinality="${p.cardinality}" baseType="${p.baseType}">${correct}${mapping}</responseDeclaration>`;
}

const setOutcome = (score: number, feedback: string) =>
  `<setOutcomeValue identifier="SCORE"><baseValue baseType="float">${score}</baseValue></setOutcomeValue>`
  + `<setOutcomeValue identifier="FEEDBACK"><baseValue baseType="identifier">${feedback}</baseValue></setOutcomeValue>`;

function responseProcessing(p: QtiParts): string {
  if (!p.isCorrect) return '';
  const template = p.template ? ` template="${TEMPLATES}${p.template}"` : '';
  return `<responseProcessing${template}><responseCondition>`
    + `<responseIf><isNull><variable identifier="RESPONSE"/></isNull>${setOutcome(0, 'incorrect')}</responseIf>`
    + `<responseElseIf>${p.isCorrect}${setOutcome(1, 'correct')}</responseElseIf>`
    + `<responseElse>${setOutcome(0, 'incorrect')}</responseElse>`
    + '</responseCondition></responseProcessing>';
}

function modalFeedback(question: Question, scored: boolean): string {
  const { correct, incorrect, explanation } = question.feedback;
  const block = (id: string, ...html: Array<string | undefined>) => {
    const parts = html.filter(Boolean).map((h) => xhtml(h!));
    // Each text in a block of its own: two inline texts side by side would read as one ("Right.Because.").
    const body = parts.length > 1 ? parts.map((part) => `<div>${part}</div>`).join('') : parts.join('');
    return body ? `<modalFeedback outcomeIdentifier="FEEDBACK" identifier="${id}" showHide="show">${body}</modalFeedback>` : '';
  };
  if (!scored) return block('answered', explanation);
  return block('correct', correct, explanation) + block('incorrect', incorrect, explanation);
}

/**
 * The assessmentItem XML of a question.
 * @param question a bank question
 * @param shuffleChoices the exam's choice shuffling setting
 * @param language the course's language (the item's xml:lang, so that the importing platform reads it in that language; labels of true/false choices)
 */
export function assessmentItem(question: Question, shuffleChoices: boolean, language: Language): string {
  const p = parts(question, shuffleChoices, language);
  const scored = p.isCorrect !== null;
  // Unscored questions never run response processing: their FEEDBACK starts as "answered".
  const feedbackDefault = scored ? '' : '<defaultValue><value>answered</value></defaultValue>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="${QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd" identifier="${itemIdentifier(question)}" title="${escapeXml(truncate(question.promptText))}" xml:lang="${language}" adaptive="false" timeDependent="false">
${responseDeclaration(p)}
<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float" normalMaximum="${scored ? 1 : 0}"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>
<outcomeDeclaration identifier="MAXSCORE" cardinality="single" baseType="float"><defaultValue><value>${scored ? 1 : 0}</value></defaultValue></outcomeDeclaration>
<outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier">${feedbackDefault}</outcomeDeclaration>
<itemBody><div>${xhtml(question.prompt)}</div>${p.interaction}</itemBody>
${responseProcessing(p)}${modalFeedback(question, scored)}
</assessmentItem>
`;
}

/** Item titles are for lists in an LMS: the start of the prompt. */
function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
