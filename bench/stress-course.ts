/**
 * Generated courses for the benchmark (and for tests that need a big course):
 * a stress course whose size scales linearly, with every question type of the
 * authoring guide, lessons with tables, code, footnotes, links and images, and
 * small SVG and PNG images. Everything is derived from indices, so the same
 * options always write the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { QuestionType } from '../src/course/model.js';

/** The nine question types, in the order the generator cycles through them. */
export const STRESS_QUESTION_TYPES: readonly QuestionType[] = ['true-false', 'single', 'multiple', 'fill-in', 'numeric', 'matching', 'sequencing', 'likert', 'essay'];

export interface StressCourseOptions {
  /** Course id (and folder name): lower-case letters, digits and '-'. */
  id?: string;
  /** Size multiplier: 1 = 200 lessons, 2,000 questions (1,800 in banks, 200 practice), 50 images. */
  scale?: number;
  /** Override the number of lessons (default 200 × scale). */
  lessons?: number;
  /** Override the number of bank questions (default 1,800 × scale). */
  bankQuestions?: number;
  /** Practice questions, one per lesson from the first (default: one per lesson). */
  practiceQuestions?: number;
  /** Override the number of images (default 50 × scale); every image is used by a lesson. */
  images?: number;
  /** Questions per bank (default 200). */
  bankSize?: number;
  /** Questions the exam draws in all (default 50, spread over the banks; 0 = no exam). */
  examQuestions?: number;
}

/** What was written. */
export interface StressCourse {
  /** Absolute course folder. */
  dir: string;
  id: string;
  lessons: number;
  bankQuestions: number;
  practiceQuestions: number;
  images: number;
  examQuestions: number;
  /** Bank and practice questions per type. */
  types: Record<QuestionType, number>;
  /** Bytes of source written (Markdown, YAML, images). */
  bytes: number;
}

const WORDS = [
  'contract', 'probation', 'overtime', 'insurance', 'appraisal', 'training', 'safety', 'inspection', 'schedule', 'budget',
  'supplier', 'quality', 'record', 'procedure', 'review', 'hazard', 'shift', 'customer', 'invoice', 'warehouse',
];

/** A sentence of `n` words, varied by `seed`. */
function sentence(seed: number, n = 12): string {
  const words = Array.from({ length: n }, (_, i) => WORDS[(seed * 7 + i * 3 + (i * i) % 5) % WORDS.length]!);
  const text = words.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/** A small SVG diagram. */
function svgImage(n: number): string {
  const hue = (n * 47) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120">
  <title>Diagram ${n}</title>
  <rect x="4" y="4" width="312" height="112" rx="8" fill="hsl(${hue},60%,92%)" stroke="hsl(${hue},60%,35%)" stroke-width="2"/>
  <circle cx="60" cy="60" r="${20 + (n % 15)}" fill="hsl(${hue},60%,55%)"/>
  <path d="M110 60 H${180 + (n % 40)}" stroke="#333" stroke-width="3" marker-end="url(#a)"/>
  <defs><marker id="a" markerWidth="8" markerHeight="8" refX="6" refY="4" orient="auto"><path d="M0 0 L8 4 L0 8z" fill="#333"/></marker></defs>
  <text x="230" y="66" font-family="sans-serif" font-size="16" fill="#222">Step ${n}</text>
</svg>
`;
}

/** A small PNG (48×48 gradient, RGB), written by hand: signature, IHDR, IDAT, IEND. */
function pngImage(n: number): Buffer {
  const size = 48;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      row[1 + x * 3] = (x * 5 + n * 13) & 255;
      row[2 + x * 3] = (y * 5 + n * 29) & 255;
      row[3 + x * 3] = ((x ^ y) * 3 + n * 7) & 255;
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Every fifth image is a PNG, the rest SVG. */
const imageName = (n: number) => `figure-${pad(n, 3)}.${n % 5 === 4 ? 'png' : 'svg'}`;

const FEEDBACK = (n: number) => `> **Correct:** Right: ${sentence(n + 1, 8)}\n> **Incorrect:** Not quite: ${sentence(n + 2, 8)}\n> **Explanation:** ${sentence(n + 3, 10)}\n`;

/**
 * One question in the authoring syntax.
 * @param type the question type
 * @param id its id
 * @param n a number that varies the wording
 * @param level `##` in banks, `###` for practice questions
 * @param image course-relative image to show in the prompt, if any
 */
export function questionMarkdown(type: QuestionType, id: string, n: number, level: '##' | '###', image?: string): string {
  const practice = level === '###' ? '.practice ' : '';
  const prompt = image ? `\n${sentence(n, 10)}\n\n![Figure for question ${n}](../${image})\n` : n % 4 === 0 ? `\n${sentence(n, 16)}\n` : '';
  const head = (text: string, attrs: string) => `${level} ${text} {${practice}#${id}${attrs}}\n${prompt}\n`;
  switch (type) {
    case 'true-false':
      return `${head(`Statement ${n}: ${sentence(n, 9).slice(0, -1)}?`, '')}- [${n % 2 ? 'x' : ' '}] True\n- [${n % 2 ? ' ' : 'x'}] False\n\n${FEEDBACK(n)}`;
    case 'single': {
      const right = n % 4;
      const options = Array.from({ length: 4 }, (_, i) => `- [${i === right ? 'x' : ' '}] Option ${i + 1}: ${sentence(n + i, 5).slice(0, -1)}`);
      return `${head(`Which option is right for case ${n}?`, '')}${options.join('\n')}\n\n${FEEDBACK(n)}`;
    }
    case 'multiple': {
      const options = Array.from({ length: 5 }, (_, i) => `- [${(i + n) % 3 === 0 || i === 0 ? 'x' : ' '}] Choice ${i + 1} of ${n}: ${WORDS[(n + i) % WORDS.length]}`);
      return `${head(`Which choices apply to case ${n}?`, ' type=multiple points=2')}${options.join('\n')}\n\n${FEEDBACK(n)}`;
    }
    case 'fill-in':
      return `${head(`Name the record kept for case ${n}.`, ` type=fill-in${n % 3 === 0 ? ' case=sensitive' : ''}`)}- ${WORDS[n % WORDS.length]} record\n- ${WORDS[n % WORDS.length]} log\n\n${FEEDBACK(n)}`;
    case 'numeric': {
      const forms = [`${n % 90}`, `${n % 50}..${(n % 50) + 10}`, `${n % 70}.5 ± 0.5`];
      return `${head(`How many days apply in case ${n}?`, ' type=numeric')}- ${forms[n % 3]}\n\n${FEEDBACK(n)}`;
    }
    case 'matching': {
      const pairs = Array.from({ length: 3 }, (_, i) => `- ${WORDS[(n + i) % WORDS.length]} ${i + 1} -> Purpose ${i + 1} of ${n}`);
      return `${head(`Match each item of case ${n} to its purpose.`, ' type=matching')}${pairs.join('\n')}\n- -> Distractor of ${n}\n\n${FEEDBACK(n)}`;
    }
    case 'sequencing': {
      const steps = Array.from({ length: 4 }, (_, i) => `${i + 1}. Step ${i + 1} of ${n}: ${WORDS[(n + i * 3) % WORDS.length]}`);
      return `${head(`Put the steps of case ${n} in order.`, '')}${steps.join('\n')}\n\n${FEEDBACK(n)}`;
    }
    case 'likert':
      return `${head(`How confident are you about case ${n}?`, ' type=likert')}- Not at all\n- A little\n- Somewhat\n- Quite\n- Very\n`;
    case 'essay':
      return `${head(`Describe how you would handle case ${n}.`, ` type=essay max=${1000 + (n % 3) * 500}`)}`;
  }
}

/** One lesson: headings, paragraphs, a table, a list, code, a footnote, an image, a link and maybe a practice question. */
function lessonMarkdown(index: number, total: number, image: string | null, practice: string | null): string {
  const n = index + 1;
  const next = index + 1 < total ? `Continue with [lesson ${n + 1}](${lessonFile(index + 1)}).` : 'This is the last lesson.';
  return `---
title: "Lesson ${n}: ${WORDS[index % WORDS.length]} ${WORDS[(index + 7) % WORDS.length]}"
---

# Lesson ${n}: ${WORDS[index % WORDS.length]} ${WORDS[(index + 7) % WORDS.length]}

${sentence(n, 24)} ${sentence(n + 1, 18)}[^note]

## Key points

- ${sentence(n + 2, 8)}
- ${sentence(n + 3, 8)}
- [x] ${sentence(n + 4, 6)}

| Item | Rule | Days |
|------|------|-----:|
| ${WORDS[n % WORDS.length]} | ${sentence(n + 5, 5)} | ${n % 30} |
| ${WORDS[(n + 1) % WORDS.length]} | ${sentence(n + 6, 5)} | ${(n + 3) % 30} |

${image ? `![Diagram for lesson ${n}](../assets/${image})\n\n` : ''}\`\`\`text
record ${n}: ${WORDS[n % WORDS.length]} -> ~~draft~~ approved
\`\`\`

${sentence(n + 7, 30)} See https://example.org/rules/${n} for the rule text.

${next}

[^note]: ${sentence(n + 8, 10)}
${practice ? `\n${practice}` : ''}`;
}

const lessonFile = (index: number) => `${pad(index + 1)}-lesson-${pad(index + 1)}.md`;

function courseYaml(id: string, title: string, draws: Array<{ bank: string; count: number }>): string {
  const exam = draws.length
    ? `exam:\n  draw:\n${draws.map((d) => `    - bank: ${d.bank}\n      count: ${d.count}\n      surveys: true`).join('\n')}\n  passingScore: 60\n  attempts: 0\n  shuffleQuestions: true\n  shuffleChoices: true\ncompletion: lessons-and-exam\n`
    : 'completion: lessons\n';
  return `id: ${id}
title: ${title}
language: en
version: 1.0.0
summary: >
  A generated course for the benchmark.
occupation: Benchmark
certificate:
  name: ${title}
  level: Level 4
  issuer: skillpack benchmark
credits: 10
hours: 8
${exam}`;
}

/**
 * Write a generated course into `<projectRoot>/courses/<id>/` (replacing nothing else).
 * @param projectRoot a project folder (its courses/ is created when missing)
 * @param options sizes; the defaults make the 1× stress course
 */
export function writeStressCourse(projectRoot: string, options: StressCourseOptions = {}): StressCourse {
  const scale = options.scale ?? 1;
  const id = options.id ?? (scale === 1 ? 'stress' : `stress-${scale}x`);
  const lessonCount = options.lessons ?? 200 * scale;
  const bankCount = options.bankQuestions ?? 1800 * scale;
  const practiceCount = Math.min(options.practiceQuestions ?? lessonCount, lessonCount);
  const imageCount = options.images ?? 50 * scale;
  const bankSize = options.bankSize ?? 200;
  const examCount = Math.min(options.examQuestions ?? 50, bankCount);
  const dir = path.join(path.resolve(projectRoot), 'courses', id);
  const types = Object.fromEntries(STRESS_QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  let bytes = 0;
  const write = (relative: string, data: string | Buffer) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  };

  for (let i = 0; i < imageCount; i++) write(`assets/${imageName(i)}`, i % 5 === 4 ? pngImage(i) : svgImage(i));

  // Practice questions cycle through the scored types (an unscored practice question would give no feedback).
  const scoredTypes = STRESS_QUESTION_TYPES.filter((t) => t !== 'likert' && t !== 'essay');
  for (let i = 0; i < lessonCount; i++) {
    // Every image is shown by at least one lesson (the package carries only referenced files).
    const image = imageCount > 0 && (i < imageCount || i % 2 === 0) ? imageName(i % imageCount) : null;
    let practice: string | null = null;
    if (i < practiceCount) {
      const type = scoredTypes[i % scoredTypes.length]!;
      types[type]++;
      practice = questionMarkdown(type, `p${pad(i + 1)}`, i, '###');
    }
    write(`lessons/${lessonFile(i)}`, lessonMarkdown(i, lessonCount, image, practice));
  }
  // Every 40th bank question shows one of the images in its prompt too.
  const draws: Array<{ bank: string; count: number }> = [];
  const banks = Math.ceil(bankCount / bankSize);
  let drawn = 0;
  for (let b = 0; b < banks; b++) {
    const bank = `bank-${pad(b + 1, 2)}`;
    const first = b * bankSize;
    const count = Math.min(bankSize, bankCount - first);
    const parts = [`# Bank ${b + 1}\n`];
    for (let q = 0; q < count; q++) {
      const n = first + q;
      const type = STRESS_QUESTION_TYPES[n % STRESS_QUESTION_TYPES.length]!;
      types[type]++;
      const image = imageCount > 0 && n % 40 === 0 ? `assets/${imageName((n / 40) % imageCount)}` : undefined;
      parts.push(questionMarkdown(type, `q${pad(n + 1, 5)}`, n, '##', image));
    }
    write(`banks/${bank}.md`, parts.join('\n'));
    // Spread the exam over the banks; every bank holds scored questions, so any draw is valid.
    const share = Math.floor(examCount / banks) + (b < examCount % banks ? 1 : 0);
    if (share > 0) draws.push({ bank, count: share });
    drawn += share;
  }
  write('course.yml', courseYaml(id, `Stress course ${id}`, draws));
  return { dir, id, lessons: lessonCount, bankQuestions: bankCount, practiceQuestions: practiceCount, images: imageCount, examQuestions: drawn, types, bytes };
}

/**
 * The smallest useful course: one short lesson, no exam, no images.
 * @param projectRoot a project folder
 * @param id course id
 */
export function writeEmptyCourse(projectRoot: string, id = 'empty'): string {
  const dir = path.join(path.resolve(projectRoot), 'courses', id);
  mkdirSync(path.join(dir, 'lessons'), { recursive: true });
  writeFileSync(path.join(dir, 'course.yml'), courseYaml(id, 'Empty course', []));
  writeFileSync(path.join(dir, 'lessons', '01-hello.md'), '# Hello\n\nThis course has one short lesson.\n');
  return dir;
}

/**
 * A course whose exam draws `questions` questions of every type (one lesson, one bank, no images).
 * @param projectRoot a project folder
 * @param id course id
 * @param questions exam size
 */
export function writeExamCourse(projectRoot: string, id = 'exam-100', questions = 100): StressCourse {
  return writeStressCourse(projectRoot, { id, lessons: 1, practiceQuestions: 0, images: 0, bankQuestions: questions, bankSize: questions, examQuestions: questions });
}
