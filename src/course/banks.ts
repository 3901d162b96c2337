/**
 * A question bank file to a QuestionBank: every `##` heading is a question.
 */
import type { Definition, Root, RootContent } from 'mdast';
import { placeOf } from '../diagnostics/diagnostic.js';
import { UNSCORED_TYPES, type Question, type QuestionBank } from './model.js';
import { parseMarkdown, plainText } from './markdown.js';
import { renderHtml, type RenderContext } from './render-html.js';
import { feedbackLike, findQuestionSections, reportParagraphAttributes, type QuestionSection } from './question-syntax.js';
import { checkReferences } from './references.js';
import { reportFrontmatterFence } from './frontmatter-fence.js';
import { reportUnreadHeadings } from './heading-markers.js';
import { idFromFileName } from './lessons.js';
import { buildQuestion, shortText } from './questions.js';
import { bankFrontmatterSchema } from './schema.js';
import { parseYamlLocated } from './yaml.js';
import type { Place } from '../diagnostics/diagnostic.js';

export interface LoadedBank {
  bank: QuestionBank;
  /** Questions written in the file, including ones with errors (so one broken question does not also fail the exam's count check). */
  written: number;
  /** Where the frontmatter names the bank's lesson (for diagnostics about it). */
  lessonPlace?: Place;
}

/** Parse and build one bank file. */
export function loadBank(text: string, ctx: RenderContext): LoadedBank {
  const tree = parseMarkdown(text);
  // Frontmatter fenced with dashes Markdown does not read is reported as such, and then left out as
  // frontmatter is: its lines are no title, no stray text and no question (`title: x⏎---` reads as a `##` heading).
  const fenceEnd = reportFrontmatterFence(text, ctx.display, ctx.sink, 'its title and lesson are not read');
  if (fenceEnd > 0) tree.children = tree.children.filter((block) => (block.position?.end.line ?? 0) > fenceEnd);
  // Like lessons, banks may be numbered to keep them in order: the id drops the number.
  const id = idFromFileName(ctx.file, 'bank');
  let front: { title?: string; lesson?: string } = {};
  let lessonPlace: Place | undefined;
  if (tree.children[0]?.type === 'yaml') {
    const located = parseYamlLocated(tree.children[0].value, bankFrontmatterSchema, { file: ctx.display, sink: ctx.sink, lineOffset: 1 });
    front = located.value ?? {};
    lessonPlace = located.locate(['lesson']);
    tree.children.shift();
  }
  const h1 = tree.children.find((n) => n.type === 'heading' && n.depth === 1);
  const definitions = tree.children.filter((n): n is Definition => n.type === 'definition');
  const sections = findQuestionSections(tree, (heading) => heading.depth === 2, {
    onOtherHeading: (heading, attributes) => {
      if (heading === h1) return; // the bank's title
      const hashes = '#'.repeat(heading.depth);
      const what = attributes ? 'its question and answers are' : 'it and the text under it are';
      ctx.sink.report(ctx.display, placeOf(heading), 'bank-heading-level', `a \`${hashes}\` heading in a bank is not a question, so ${what} ignored: questions are \`##\` headings`);
    },
  });
  checkReferences(tree, text, ctx.display, ctx.sink, sections);
  const unreadHeadings = reportUnreadHeadings(tree.children, text, ctx.display, ctx.sink, true);
  // What reads the file from here on knows them, so as not to report them again.
  const fileCtx: RenderContext = { ...ctx, definitions, unreadHeadings };
  reportParagraphAttributes(tree.children, ctx.display, ctx.sink, unreadHeadings);
  for (const { blocks, after } of strayRuns(tree, sections, h1)) {
    const first = blocks[0]!;
    // A question's heading Markdown does not read is reported as such (reportUnreadHeadings).
    if (!unreadHeadings.has(first)) {
      const question = after && `question "${after.attributes.id ?? shortText(after.heading)}"`;
      const message = !after
        ? 'text before the first question of a bank is not shown anywhere'
        : feedbackLike(first) === 'quote'
          ? `this feedback comes after a horizontal rule, which ends ${question}, so it belongs to no question and learners never see it: remove the rule`
          : `this text comes after a horizontal rule, which ends ${question}, so it belongs to no question and no learner sees it`;
      ctx.sink.report(ctx.display, placeOf(first), 'bank-stray-content', message);
    }
    // Still checked, so a missing image or a script in it is reported in the same run.
    renderHtml(blocks, fileCtx);
  }
  const questions: Question[] = [];
  for (const section of sections) {
    if (section.attributes.classes.includes('practice')) {
      ctx.sink.report(ctx.display, placeOf(section.heading), 'practice-outside-lesson', 'questions in a bank are exam questions; `.practice` is ignored here');
    }
    const question = buildQuestion(section, fileCtx);
    if (!question) continue;
    questions.push(question);
    if (question.points === 0 && !UNSCORED_TYPES.includes(question.type)) {
      ctx.sink.report(ctx.display, placeOf(section.heading), 'question-no-points', `question "${question.id}" is marked right or wrong but worth points=0, so its answer counts for nothing in the exam`);
    }
  }
  if (sections.length === 0) {
    ctx.sink.report(ctx.display, { line: 1, column: 1 }, 'bank-empty', 'no `##` question headings in this bank');
  }
  return { bank: { id, title: front.title ?? (h1 ? plainText(h1).trim() : id), ...(front.lesson ? { lesson: front.lesson } : {}), questions }, written: sections.length, lessonPlace };
}

/**
 * Runs of blocks that no question holds: before the first question, and after a rule that ends
 * one (up to the next heading). Text under a heading that is no question is reported with it.
 */
function strayRuns(tree: Root, sections: QuestionSection[], h1: RootContent | undefined): Array<{ blocks: RootContent[]; after?: QuestionSection }> {
  const runs: Array<{ blocks: RootContent[]; after?: QuestionSection }> = [];
  const byStart = new Map(sections.map((s) => [s.start, s]));
  let run: { blocks: RootContent[]; after?: QuestionSection } | undefined = { blocks: [] };
  for (let i = 0; i < tree.children.length; i++) {
    const node = tree.children[i]!;
    const section = byStart.get(i);
    if (section || (node.type === 'heading' && node !== h1)) {
      if (run?.blocks.length) runs.push(run);
      run = section && { blocks: [], after: section };
      if (section) i = section.end - 1;
      continue;
    }
    const unseen = node === h1 || node.type === 'definition' || node.type === 'thematicBreak' || (node.type === 'html' && node.value.trim().startsWith('<!--'));
    if (!unseen) run?.blocks.push(node);
  }
  if (run?.blocks.length) runs.push(run);
  return runs;
}
