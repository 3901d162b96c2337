/**
 * Schemas of the YAML an author writes: course.yml, lesson/bank frontmatter and
 * the project's skillpack.config.yml. Strict objects, so unknown keys are reported.
 */
import * as z from 'zod/mini';
import { LANGUAGE_LIST, type Language } from '../languages/tags.js';

const language = z.enum(LANGUAGE_LIST as [Language, ...Language[]]);

const slug = z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and "-", starting with a letter'), z.maxLength(64));

/** A non-empty string (of at most `max` characters). */
const text = (max?: number) => z.string().check(z.minLength(1), ...(max === undefined ? [] : [z.maxLength(max)]));

/** A whole number (a non-integer is reported as "expected int"). */
const whole = () => z.number().check(z.int());

/** A level or version written as a number or a string, kept as a string. */
const stringOrNumber = () => z.pipe(z.union([z.string(), z.number()]), z.transform(String));

export const courseSchema = z.strictObject({
  id: slug,
  title: text(200),
  language,
  version: z.pipe(stringOrNumber(), z.string().check(z.regex(/^\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$/, 'use a version such as 1.0.0'))),
  summary: text(),
  occupation: text(),
  certificate: z.strictObject({
    name: text(),
    level: stringOrNumber(),
    issuer: text(),
  }),
  credits: whole().check(z.gte(0), z.lte(90)),
  /** Where the credits figure comes from (regulation, programme table), with its "as of" date. */
  creditsSource: z.optional(text()),
  hours: z.number().check(z.gt(0), z.lte(2000)),
  exam: z.optional(
    z.strictObject({
      /** `surveys: true` lets unscored questions (likert, essay) of the bank into the exam too. */
      draw: z.array(z.strictObject({ bank: slug, count: whole().check(z.gt(0)), surveys: z._default(z.boolean(), false) })).check(z.minLength(1)),
      passingScore: z.number().check(z.gte(0), z.lte(100)),
      attempts: z._default(whole().check(z.gte(0)), 0),
      shuffleQuestions: z._default(z.boolean(), true),
      shuffleChoices: z._default(z.boolean(), true),
      timeLimit: z.optional(z.number().check(z.gt(0), z.lte(24 * 60))),
      /** When the results show each question with its correct answer and feedback. */
      review: z._default(z.enum(['always', 'final', 'never']), 'final'),
      /**
       * `player`: the packages' player runs the exam (scored in the browser). `lms`: the
       * packages carry lessons only and the exam ships as QTI and Moodle XML exports for
       * the LMS's own quiz engine, which keeps the key on the server.
       */
      delivery: z._default(z.enum(['player', 'lms']), 'player'),
    }),
  ),
  completion: z._default(z.enum(['lessons', 'exam', 'lessons-and-exam']), 'lessons-and-exam'),
  standard: z.optional(
    z.strictObject({
      /** Exact title of the national occupational standard (国家职业技能标准). */
      name: text(),
      /** Occupation code in the national classification, when known. */
      code: z.optional(text()),
      edition: z.optional(text()),
      level: stringOrNumber(),
      /** The date the mapping and the figures in the course were last checked. */
      asOf: z.pipe(
        z.pipe(z.union([z.string(), z.date()]), z.transform((v: string | Date) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))),
        z.string().check(z.regex(/^\d{4}-\d{2}(-\d{2})?$/, 'use a date such as 2026-11-30')),
      ),
      /** Work items of the standard, each with the lessons that teach it. */
      mapping: z.array(z.strictObject({ item: text(), lessons: z.array(slug).check(z.minLength(1)) })).check(z.minLength(1)),
    }),
  ),
});
export type CourseYaml = z.infer<typeof courseSchema>;

export const lessonFrontmatterSchema = z.strictObject({
  title: z.optional(text()),
  id: z.optional(slug),
});

/** A lesson's frontmatter read for its title alone, when another of its keys is wrong (that one is reported). */
export const lessonTitleSchema = z.looseObject({ title: z.optional(text()) });

export const bankFrontmatterSchema = z.strictObject({
  title: z.optional(text()),
  /** The lesson this bank examines (so a check can tell which lessons an exam leaves untested). */
  lesson: z.optional(slug),
});

import { OUTPUT_NAMES, TARGET_NAMES } from '../targets/names.js';

export { TARGET_NAMES, type TargetName } from '../targets/names.js';

const cssColor = z.string().check(z.regex(/^#[0-9a-fA-F]{3,8}$|^(rgb|hsl)a?\([0-9.,%\s]+\)$/, 'use a CSS colour such as #0b5cad'));

export const configSchema = z.strictObject({
  organisation: z._default(text(), 'skillpack'),
  /** Activity ids are minted as `<baseIri>/<course id>/...`. */
  baseIri: z._default(z.string().check(z.regex(/^https?:\/\/[^\s]+[^/\s]$/, 'use an absolute http(s) IRI without a trailing slash')), 'https://example.org/skillpack/courses'),
  courses: z._default(z.string(), 'courses'),
  out: z._default(z.string(), 'dist'),
  /** The player targets by default; exports (qti, moodle-xml) only when listed. */
  targets: z._default(z.array(z.enum(OUTPUT_NAMES)).check(z.minLength(1)), [...TARGET_NAMES]),
  /** The catalogue page's language; by default the one most of the catalogue's courses are written in. */
  catalogueLanguage: z.optional(language),
  theme: z._default(
    z.strictObject({
      primaryColor: z.optional(cssColor),
      fontFamily: z.optional(z.string().check(z.regex(/^[^;{}<>]+$/, 'a CSS font-family list without ; { } < >'))),
      /** Path of a logo image (svg, png, jpg, webp) relative to the project root. */
      logo: z.optional(z.string().check(z.regex(/\.(svg|png|jpe?g|webp)$/i, 'use an .svg, .png, .jpg or .webp file'))),
    }),
    {},
  ),
});
export type ProjectConfig = z.infer<typeof configSchema>;
