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
import { LANGUAGES } from '../languages/index.js';
import { escapeXml, identifier, xhtml } from './xml.js';

export const QTI_NS = 'http://www.imsglobal.org/xsd/imsqti_v2p1';
const TEMPLATES = 'http://www.imsglobal.org/question/qti_v2p1/rptemplates/';

/** The item's identifier and file name inside the package. */
export function itemIdentifier(question: Question): string {
  return identifier('item-', question.id);
}

/** QTI identifiers must start with a letter: option ids (`a`, `1`) get a prefix. */
const choiceId = (id: string) => `C${id}`;
const sourceId = (id: string) => `S${id}`;
const targetId = (id: string) => `T${id}`;

interface Parts {
  cardinality: 'single' | 'multiple' | 'ordered';
  baseType: 'identifier' | 'string' | 'float' | 'directedPair';
  correct: string[];
  /** fill-in: accepted answers as a mapping (map_response). */
  mapping?: { values: string[]; caseSensitive: boolean };
  interaction: string;
  /** The rule that tells a right answer, or null for unscored questions. */
  isCorrect: string | null;
  template: string | null;
}

const value = (v: string) => `<value>${escapeXml(v)}</value>`;
const simpleChoice = (id: string, html: string, fixed = false) => `<simpleChoice identifier="${id}"${fixed ? ' fixed="true"' : ''}>${xhtml(html)}</simpleChoice>`;
const matchCorrect = '<match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>';

/** The labels of a true/false question's two choices, in the course's language. */

function parts(question: Question, shuffleChoices: boolean, language: Language): Parts {
  const shuffle = shuffleChoices ? 'true' : 'false';
  switch (question.type) {
    case 'true-false':
      return {
        cardinality: 'single', baseType: 'identifier', correct: [question.answer ? 'true' : 'false'],
        interaction: `<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">${simpleChoice('true', LANGUAGES[language].trueFalse[0])}${simpleChoice('false', LANGUAGES[language].trueFalse[1])}</choiceInteraction>`,
        isCorrect: matchCorrect, template: 'match_correct',
      };
    case 'single':
    case 'multiple': {
      const single = question.type === 'single';
      return {
        cardinality: single ? 'single' : 'multiple', baseType: 'identifier', correct: question.correct.map(choiceId),
        interaction: `<choiceInteraction responseIdentifier="RESPONSE" shuffle="${shuffle}" maxChoices="${single ? 1 : 0}">${question.choices.map((c) => simpleChoice(choiceId(c.id), c.html)).join('')}</choiceInteraction>`,
        isCorrect: matchCorrect, template: 'match_correct',
      };
    }
    case 'fill-in':
      return {
        cardinality: 'single', baseType: 'string', correct: [question.answers[0]!],
        mapping: { values: question.answers, caseSensitive: question.caseSensitive },
        interaction: `<p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="${Math.max(10, ...question.answers.map((a) => a.length))}"/></p>`,
        isCorrect: '<gt><mapResponse identifier="RESPONSE"/><baseValue baseType="float">0</baseValue></gt>', template: 'map_response',
      };
    case 'numeric':
      return {
        cardinality: 'single', baseType: 'float', correct: [String(question.min === question.max ? question.min : (question.min + question.max) / 2)],
        interaction: '<p><textEntryInteraction responseIdentifier="RESPONSE" expectedLength="12"/></p>',
        isCorrect: `<and><gte><variable identifier="RESPONSE"/><baseValue baseType="float">${question.min}</baseValue></gte><lte><variable identifier="RESPONSE"/><baseValue baseType="float">${question.max}</baseValue></lte></and>`,
        template: null,
      };
    case 'matching':
      return {
        cardinality: 'multiple', baseType: 'directedPair', correct: question.pairs.map(([s, t]) => `${sourceId(s)} ${targetId(t)}`),
        interaction: `<matchInteraction responseIdentifier="RESPONSE" shuffle="${shuffle}" maxAssociations="${question.sources.length}">`
          + `<simpleMatchSet>${question.sources.map((s) => `<simpleAssociableChoice identifier="${sourceId(s.id)}" matchMax="1">${xhtml(s.html)}</simpleAssociableChoice>`).join('')}</simpleMatchSet>`
          + `<simpleMatchSet>${question.targets.map((t) => `<simpleAssociableChoice identifier="${targetId(t.id)}" matchMax="${question.sources.length}">${xhtml(t.html)}</simpleAssociableChoice>`).join('')}</simpleMatchSet>`
          + '</matchInteraction>',
        isCorrect: matchCorrect, template: 'match_correct',
      };
    case 'sequencing':
      return {
        cardinality: 'ordered', baseType: 'identifier', correct: question.items.map((i) => choiceId(i.id)),
        // The authored order is the answer: the items are always shuffled.
        interaction: `<orderInteraction responseIdentifier="RESPONSE" shuffle="true">${question.items.map((i) => simpleChoice(choiceId(i.id), i.html)).join('')}</orderInteraction>`,
        isCorrect: matchCorrect, template: 'match_correct',
      };
    case 'likert':
      return {
        cardinality: 'single', baseType: 'identifier', correct: [],
        interaction: `<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">${question.scale.map((s) => simpleChoice(choiceId(s.id), s.html)).join('')}</choiceInteraction>`,
        isCorrect: null, template: null,
      };
    case 'essay':
      return {
        cardinality: 'single', baseType: 'string', correct: [],
        interaction: `<extendedTextInteraction responseIdentifier="RESPONSE" expectedLength="${question.maxLength}"/>`,
        isCorrect: null, template: null,
      };
  }
}

function responseDeclaration(p: Parts): string {
  const correct = p.correct.length ? `<correctResponse>${p.correct.map(value).join('')}</correctResponse>` : '';
  const mapping = p.mapping
    ? `<mapping defaultValue="0" upperBound="1">${p.mapping.values.map((v) => `<mapEntry mapKey="${escapeXml(v)}" mappedValue="1" caseSensitive="${p.mapping!.caseSensitive}"/>`).join('')}</mapping>`
    : '';
  return `<responseDeclaration identifier="RESPONSE" cardinality="${p.cardinality}" baseType="${p.baseType}">${correct}${mapping}</responseDeclaration>`;
}

const setOutcome = (score: number, feedback: string) =>
  `<setOutcomeValue identifier="SCORE"><baseValue baseType="float">${score}</baseValue></setOutcomeValue>`
  + `<setOutcomeValue identifier="FEEDBACK"><baseValue baseType="identifier">${feedback}</baseValue></setOutcomeValue>`;

function responseProcessing(p: Parts): string {
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
    const body = html.filter(Boolean).map((h) => xhtml(h!)).join('');
    return body ? `<modalFeedback outcomeIdentifier="FEEDBACK" identifier="${id}" showHide="show">${body}</modalFeedback>` : '';
  };
  if (!scored) return block('answered', explanation);
  return block('correct', correct, explanation) + block('incorrect', incorrect, explanation);
}

/**
 * The assessmentItem XML of a question.
 * @param question a bank question
 * @param shuffleChoices the exam's choice shuffling setting
 * @param language the course's language (labels of true/false choices)
 */
export function assessmentItem(question: Question, shuffleChoices: boolean, language: Language): string {
  const p = parts(question, shuffleChoices, language);
  const scored = p.isCorrect !== null;
  // Unscored questions never run response processing: their FEEDBACK starts as "answered".
  const feedbackDefault = scored ? '' : '<defaultValue><value>answered</value></defaultValue>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="${QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd" identifier="${itemIdentifier(question)}" title="${escapeXml(truncate(question.promptText))}" adaptive="false" timeDependent="false">
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
