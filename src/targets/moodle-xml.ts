/**
 * Moodle XML (Moodle Docs, "Moodle XML format"): every bank as a category under
 * `$course$/top/<course title>/`, each question mapped to Moodle's nearest standard
 * type, with its points (defaultgrade), its id (idnumber) and its feedback
 * (general = explanation; correct/incorrect on the answers or as combined feedback).
 *
 * Type mapping:
 * - true-false → truefalse; single → multichoice single; multiple → multichoice with
 *   every correct choice 100/k % and every wrong one -100 %, so choosing any wrong
 *   option scores 0, as the player scores it (all or nothing);
 * - fill-in → shortanswer (every accepted answer 100 %, usecase from the question;
 *   Moodle always trims, and `*` is escaped because Moodle reads it as a wildcard);
 * - numeric → numerical (midpoint with half the range as tolerance);
 * - matching → matching (a distractor target is a sub-question with no text);
 * - sequencing → ordering: the Ordering question type is a standard plugin of Moodle
 *   since 4.4 (a widely used add-on before), all-or-nothing grading as in the player.
 *   It is not ddwtos (drag words into sentences), which cannot express an order;
 * - essay → essay; likert → nothing: Moodle's question bank has no survey type, so
 *   a likert question is reported (a warning) and left out; use a Moodle Feedback or
 *   Questionnaire activity for it.
 */
import type { Course, Question, QuestionBank } from '../course/model.js';
import { questionOrigin } from '../course/questions.js';
import { DiagnosticSink } from '../diagnostics/diagnostic.js';
import type { ExportTarget } from './target.js';
import { cdata, escapeXml } from './xml.js';

const text = (value: string) => `<text>${cdata(value)}</text>`;
const html = (tag: string, value: string | undefined) => `<${tag} format="html">${text(value ?? '')}</${tag}>`;
const feedbackOf = (value: string | undefined) => html('feedback', value);

/** Moodle prints fractions with up to 7 decimals and matches them against its grade list. */
const fraction = (percent: number) => String(Math.round(percent * 1e5) / 1e5);

/** A number without binary noise (0.30000000000000004 → 0.3). */
const tidy = (n: number) => String(Number(n.toPrecision(12)));

/** Shortanswer answers are patterns: `*` is a wildcard unless escaped. */
const literal = (answer: string) => answer.replace(/\*/g, '\\*');

function combinedFeedback(q: Question): string {
  return `${html('correctfeedback', q.feedback.correct)}${html('partiallycorrectfeedback', q.feedback.incorrect)}${html('incorrectfeedback', q.feedback.incorrect)}`;
}

/** The type-specific part of a question, or null when Moodle has no type for it. */
function body(q: Question): { type: string; xml: string } | null {
  switch (q.type) {
    case 'true-false': {
      const right = q.feedback.correct, wrong = q.feedback.incorrect;
      return {
        type: 'truefalse',
        xml: `<answer fraction="${q.answer ? 100 : 0}" format="moodle_auto_format"><text>true</text>${feedbackOf(q.answer ? right : wrong)}</answer>`
          + `<answer fraction="${q.answer ? 0 : 100}" format="moodle_auto_format"><text>false</text>${feedbackOf(q.answer ? wrong : right)}</answer>`,
      };
    }
    case 'single':
    case 'multiple': {
      const single = q.type === 'single';
      const right = 100 / q.correct.length;
      const answers = q.choices.map((c) => {
        const ok = q.correct.includes(c.id);
        const percent = ok ? right : single ? 0 : -100;
        return `<answer fraction="${fraction(percent)}" format="html">${text(c.html)}${feedbackOf('')}</answer>`;
      });
      return {
        type: 'multichoice',
        xml: `<single>${single}</single><shuffleanswers>1</shuffleanswers><answernumbering>ABCD</answernumbering><showstandardinstruction>0</showstandardinstruction>${combinedFeedback(q)}${answers.join('')}`,
      };
    }
    case 'fill-in':
      return {
        type: 'shortanswer',
        xml: `<usecase>${q.caseSensitive ? 1 : 0}</usecase>${q.answers.map((a) => `<answer fraction="100" format="moodle_auto_format">${text(literal(a))}${feedbackOf(q.feedback.correct)}</answer>`).join('')}`
          + `<answer fraction="0" format="moodle_auto_format"><text>*</text>${feedbackOf(q.feedback.incorrect)}</answer>`,
      };
    case 'numeric':
      return {
        type: 'numerical',
        xml: `<answer fraction="100" format="moodle_auto_format"><text>${tidy((q.min + q.max) / 2)}</text><tolerance>${tidy((q.max - q.min) / 2)}</tolerance>${feedbackOf(q.feedback.correct)}</answer>`
          + `<answer fraction="0" format="moodle_auto_format"><text>*</text><tolerance>0</tolerance>${feedbackOf(q.feedback.incorrect)}</answer>`
          + '<unitgradingtype>0</unitgradingtype><unitpenalty>0</unitpenalty><showunits>3</showunits><unitsleft>0</unitsleft>',
      };
    case 'matching': {
      const paired = new Set(q.pairs.map(([, t]) => t));
      const targetText = (id: string) => q.targets.find((t) => t.id === id)!.text;
      const subquestions = q.pairs.map(([s, t]) => `<subquestion format="html">${text(q.sources.find((x) => x.id === s)!.html)}<answer><text>${escapeXml(targetText(t))}</text></answer></subquestion>`);
      const distractors = q.targets.filter((t) => !paired.has(t.id)).map((t) => `<subquestion format="html"><text></text><answer><text>${escapeXml(t.text)}</text></answer></subquestion>`);
      return { type: 'matching', xml: `<shuffleanswers>true</shuffleanswers>${combinedFeedback(q)}${[...subquestions, ...distractors].join('')}` };
    }
    case 'sequencing':
      return {
        type: 'ordering',
        xml: '<layouttype>VERTICAL</layouttype><selecttype>ALL</selecttype><selectcount>0</selectcount><gradingtype>ALL_OR_NOTHING</gradingtype><showgrading>SHOW</showgrading><numberingstyle>none</numberingstyle>'
          + `${combinedFeedback(q)}${q.items.map((item, i) => `<answer fraction="${i + 1}" format="html">${text(item.html)}</answer>`).join('')}`,
      };
    case 'essay':
      return { type: 'essay', xml: '<responseformat>editor</responseformat><responserequired>1</responserequired><responsefieldlines>15</responsefieldlines><attachments>0</attachments><attachmentsrequired>0</attachmentsrequired>' };
    case 'likert':
      return null;
  }
}

function question(q: Question): string | null {
  const part = body(q);
  if (!part) return null;
  const name = q.promptText.length > 80 ? `${q.promptText.slice(0, 79)}…` : q.promptText;
  return `<question type="${part.type}">
<name>${text(name)}</name>
${html('questiontext', q.prompt)}
${html('generalfeedback', q.feedback.explanation)}
<defaultgrade>${q.points}</defaultgrade><penalty>0</penalty><hidden>0</hidden><idnumber>${escapeXml(q.id)}</idnumber>
${part.xml}
</question>`;
}

function category(course: Course, bank: QuestionBank): string {
  // "/" separates category levels in Moodle: a title holding one would make a sub-category.
  const path = ['$course$', 'top', course.title, bank.title].map((p) => p.replace(/\//g, '∕')).join('/');
  return `<question type="category"><category>${text(path)}</category><info format="html">${text('')}</info><idnumber>${escapeXml(`${course.id}-${bank.id}`)}</idnumber></question>`;
}

export const moodleXml: ExportTarget = {
  name: 'target:moodle-xml',
  id: 'moodle-xml',
  kind: 'export',
  label: 'Moodle XML',
  platforms: 'Moodle\'s question bank (Question bank → Import → Moodle XML format): the exam becomes a Moodle quiz scored on the server.',
  fileName: (course) => `${course.id}-moodle.xml`,
  zip: false,
  build(course) {
    const sink = new DiagnosticSink();
    const parts: string[] = [];
    for (const bank of course.banks) {
      parts.push(category(course, bank));
      for (const q of bank.questions) {
        const xml = question(q);
        if (xml) parts.push(xml);
        else {
          const origin = questionOrigin.get(q);
          sink.report(origin?.file ?? `courses/${course.id}/banks/${bank.id}.md`, origin?.place, 'export-unmappable', `question "${q.id}" is a ${q.type} question, which Moodle's question bank has no type for: it is not in ${course.id}-moodle.xml`);
        }
      }
    }
    const data = `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${parts.join('\n')}\n</quiz>\n`;
    return { entries: [{ path: `${course.id}-moodle.xml`, data }], diagnostics: sink.items };
  },
};
