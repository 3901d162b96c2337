/**
 * Matching: `source -> target` items (sources `1`..`9`, targets `a`..`z`); an item with
 * no source adds a distractor target.
 */
import { placeOf } from '../../diagnostics/diagnostic.js';
import { inline } from '../../import/markdown-text.js';
import { matchCorrect, sourceId, targetId } from '../../targets/qti-parts.js';
import { escapeXml, xhtml } from '../../targets/xml.js';
import type { ListItem } from 'mdast';
import type { Option } from '../model.js';
import { plainText } from '../markdown.js';
import { escapeHtml } from '../render-html.js';
import { percent } from '../../targets/moodle-parts.js';
import type { CompilerKind } from './kind.js';
import { CHOICE_IDS, reportNonText, SOURCE_IDS } from './options.js';

const pairs = (list: Array<[string, string]>) => list.map(([s, t]) => `${s}→${t}`).join(', ');

export const matching: CompilerKind<'matching'> = {
  list: 'plain',
  read(list, items, _values, _ctx, report) {
    const sources: Option[] = [];
    const targets: Option[] = [];
    const pairs: Array<[string, string]> = [];
    reportNonText(items, report, 'matching pairs');
    // Every bad pair is reported, each at its item, so that an author sees them all at once.
    let bad = false;
    const reject = (rule: 'matching-incomplete' | 'duplicate-option', message: string, item: ListItem) => {
      report(rule, message, placeOf(item));
      bad = true;
    };
    const targetId = (text: string): string => {
      let target = targets.find((t) => t.text === text);
      if (!target) {
        target = { id: CHOICE_IDS[targets.length] ?? '?', html: escapeHtml(text), text };
        targets.push(target);
      }
      return target.id;
    };
    for (const item of items) {
      const text = plainText(item).trim();
      const arrow = /\s*(?:->|→)\s*/.exec(text);
      if (!arrow) {
        // An arrow typed another way (`=>`, `—>`, `-》` in Chinese mode, full-width `－＞`): say which.
        const lookalike = /[-－—=]+\s*[>＞》〉]|[－—]+[>＞》〉]?/.exec(text)?.[0];
        reject('matching-incomplete', `"${text}" is not a pair: ${lookalike ? `"${lookalike}" is not read as an arrow: type "->"` : 'write "source -> target"'}`, item);
        continue;
      }
      const source = text.slice(0, arrow.index).trim();
      const target = text.slice(arrow.index + arrow[0].length).trim();
      if (target === '') {
        reject('matching-incomplete', `"${text}" has no target after the arrow`, item);
        continue;
      }
      // A chain (`温度 -> 升高 -> 膨胀`) would make "升高 -> 膨胀" one target: the spreadsheet import refuses it too.
      if (/(?:->|→)/.test(target)) {
        reject('matching-incomplete', `"${text}" has more than one arrow: a pair is one source and one target ("source -> target"); write each pair as an item of its own`, item);
        continue;
      }
      const id = targetId(target);
      if (source === '') continue; // a distractor target
      if (sources.some((s) => s.text === source)) {
        reject('duplicate-option', `source "${source}" appears twice`, item);
        continue;
      }
      const sourceId = SOURCE_IDS[sources.length] ?? '?';
      sources.push({ id: sourceId, html: escapeHtml(source), text: source });
      pairs.push([sourceId, id]);
    }
    // Too few pairs then follows from the bad ones: it is not said as a mistake of its own.
    if (bad) return null;
    if (pairs.length < 2) {
      report('matching-incomplete', 'a matching question needs at least two "source -> target" pairs', placeOf(list));
      return null;
    }
    if (sources.length > SOURCE_IDS.length || targets.length > CHOICE_IDS.length) {
      report('too-many-options', `at most ${SOURCE_IDS.length} sources and ${CHOICE_IDS.length} targets`, placeOf(list));
      return null;
    }
    return { type: 'matching', sources, targets, pairs };
  },
  differences(source, t) {
    const out: string[] = [];
    if (t.sources.length !== source.sources.length || t.targets.length !== source.targets.length) out.push(`it has ${t.sources.length} items and ${t.targets.length} answers, the source ${source.sources.length} and ${source.targets.length}`);
    if (pairs(t.pairs) !== pairs(source.pairs)) out.push(`its pairs are ${pairs(t.pairs)}, the source's ${pairs(source.pairs)}`);
    return out;
  },
  qti: (question, shuffleChoices) => ({
    cardinality: 'multiple', baseType: 'directedPair', correct: question.pairs.map(([s, t]) => `${sourceId(s)} ${targetId(t)}`),
    interaction: `<matchInteraction responseIdentifier="RESPONSE" shuffle="${shuffleChoices ? 'true' : 'false'}" maxAssociations="${question.sources.length}">`
      + `<simpleMatchSet>${question.sources.map((s) => `<simpleAssociableChoice identifier="${sourceId(s.id)}" matchMax="1">${xhtml(s.html)}</simpleAssociableChoice>`).join('')}</simpleMatchSet>`
      + `<simpleMatchSet>${question.targets.map((t) => `<simpleAssociableChoice identifier="${targetId(t.id)}" matchMax="${question.sources.length}">${xhtml(t.html)}</simpleAssociableChoice>`).join('')}</simpleMatchSet>`
      + '</matchInteraction>',
    isCorrect: matchCorrect, template: 'match_correct',
  }),
  // Moodle's matching: a distractor target is a sub-question with no text.
  // Moodle scores each matched item on its own (qtype_match_question::grade_response: right / total),
  // where the player gives all or nothing: said as the question's partial credit.
  moodle(q, texts, shuffleChoices) {
    const paired = new Set(q.pairs.map(([, t]) => t));
    const targetText = (id: string) => q.targets.find((t) => t.id === id)!.text;
    const subquestions = q.pairs.map(([s, t]) => `<subquestion format="html">${texts.rich(q.sources.find((x) => x.id === s)!.html)}<answer><text>${escapeXml(targetText(t))}</text></answer></subquestion>`);
    const distractors = q.targets.filter((t) => !paired.has(t.id)).map((t) => `<subquestion format="html"><text></text><answer><text>${escapeXml(t.text)}</text></answer></subquestion>`);
    const items = q.pairs.length;
    return {
      type: 'matching',
      xml: `<shuffleanswers>${shuffleChoices}</shuffleanswers>${texts.combinedFeedback(q)}${[...subquestions, ...distractors].join('')}`,
      partialCredit: items < 2 ? undefined : `Moodle's Matching scores each item on its own, so learners who match ${items - 1} of its ${items} items right get ${percent((items - 1) / items)} of its points`,
    };
  },
  fromRow(row) {
    if (!row.needOptions(2)) return null;
    const pairs: Array<[string, string]> = [];
    for (const o of row.options) {
      const [source = '', target = '', extra] = o.text.split(/\s*(?:->|→)\s*/);
      if (extra !== undefined || !target) row.badOption(o, 'write a pair as "source -> target" (or "-> target" for a distractor)');
      else pairs.push([source.trim(), target.trim()]);
    }
    return pairs.length === row.options.length ? { pairs } : null;
  },
  markdown: (q) => q.pairs.map(([s, t]) => (s ? `- ${inline(s)} -> ${inline(t)}` : `- -> ${inline(t)}`)),
};
