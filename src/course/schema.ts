/**
 * Schemas of the YAML an author writes: course.yml, lesson/bank frontmatter and
 * the project's skillpack.config.yml. Strict objects, so unknown keys are reported.
 */
import { z } from 'zod';
import { LANGUAGE_LIST, type Language } from '../languages/tags.js';

const language = z.enum(LANGUAGE_LIST as [Language, ...Language[]]);

const slug = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'use lower-case letters, digits and "-", starting with a letter')
  .max(64);

export const courseSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(200),
  language,
  version: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$/, 'use a version such as 1.0.0')),
  summary: z.string().min(1),
  occupation: z.string().min(1),
  certificate: z.strictObject({
    name: z.string().min(1),
    level: z.union([z.string(), z.number()]).transform(String),
    issuer: z.string().min(1),
  }),
  credits: z.number().int().min(0).max(90),
  /** Where the credits figure comes from (regulation, programme table), with its "as of" date. */
  creditsSource: z.string().min(1).optional(),
  hours: z.number().positive().max(2000),
  exam: z
    .strictObject({
      /** `surveys: true` lets unscored questions (likert, essay) of the bank into the exam too. */
      draw: z.array(z.strictObject({ bank: slug, count: z.number().int().positive(), surveys: z.boolean().default(false) })).min(1),
      passingScore: z.number().min(0).max(100),
      attempts: z.number().int().min(0).default(0),
      shuffleQuestions: z.boolean().default(true),
      shuffleChoices: z.boolean().default(true),
      timeLimit: z.number().positive().max(24 * 60).optional(),
      /** When the results show each question with its correct answer and feedback. */
      review: z.enum(['always', 'final', 'never']).default('final'),
      /**
       * `player`: the packages' player runs the exam (scored in the browser). `lms`: the
       * packages carry lessons only and the exam ships as QTI and Moodle XML exports for
       * the LMS's own quiz engine, which keeps the key on the server.
       */
      delivery: z.enum(['player', 'lms']).default('player'),
    })
    .optional(),
  completion: z.enum(['lessons', 'exam', 'lessons-and-exam']).default('lessons-and-exam'),
  standard: z
    .strictObject({
      /** Exact title of the national occupational standard (国家职业技能标准). */
      name: z.string().min(1),
      /** Occupation code in the national classification, when known. */
      code: z.string().min(1).optional(),
      edition: z.string().min(1).optional(),
      level: z.union([z.string(), z.number()]).transform(String),
      /** The date the mapping and the figures in the course were last checked. */
      asOf: z.union([z.string(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)).pipe(z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'use a date such as 2026-11-30')),
      /** Work items of the standard, each with the lessons that teach it. */
      mapping: z.array(z.strictObject({ item: z.string().min(1), lessons: z.array(slug).min(1) })).min(1),
    })
    .optional(),
});
export type CourseYaml = z.infer<typeof courseSchema>;

export const lessonFrontmatterSchema = z.strictObject({
  title: z.string().min(1).optional(),
  id: slug.optional(),
});

export const bankFrontmatterSchema = z.strictObject({
  title: z.string().min(1).optional(),
  /** The lesson this bank examines (so a check can tell which lessons an exam leaves untested). */
  lesson: slug.optional(),
});

import { OUTPUT_NAMES, TARGET_NAMES } from '../targets/names.js';

export { TARGET_NAMES, type TargetName } from '../targets/names.js';

const cssColor = z.string().regex(/^#[0-9a-fA-F]{3,8}$|^(rgb|hsl)a?\([0-9.,%\s]+\)$/, 'use a CSS colour such as #0b5cad');

export const configSchema = z.strictObject({
  organisation: z.string().min(1).default('skillpack'),
  /** Activity ids are minted as `<baseIri>/<course id>/...`. */
  baseIri: z
    .string()
    .regex(/^https?:\/\/[^\s]+[^/\s]$/, 'use an absolute http(s) IRI without a trailing slash')
    .default('https://example.org/skillpack/courses'),
  courses: z.string().default('courses'),
  out: z.string().default('dist'),
  /** The player targets by default; exports (qti, moodle-xml) only when listed. */
  targets: z.array(z.enum(OUTPUT_NAMES)).min(1).default([...TARGET_NAMES]),
  /** The catalogue page's language; by default the one most of the catalogue's courses are written in. */
  catalogueLanguage: language.optional(),
  theme: z
    .strictObject({
      primaryColor: cssColor.optional(),
      fontFamily: z.string().regex(/^[^;{}<>]+$/, 'a CSS font-family list without ; { } < >').optional(),
      /** Path of a logo image (svg, png, jpg, webp) relative to the project root. */
      logo: z.string().regex(/\.(svg|png|jpe?g|webp)$/i, 'use an .svg, .png, .jpg or .webp file').optional(),
    })
    .default({}),
});
export type ProjectConfig = z.infer<typeof configSchema>;
