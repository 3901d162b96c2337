/**
 * The words an author reads for a bad course.yml, skillpack.config.yml or frontmatter: zod's
 * English messages, the schemas' own ones and the wording yaml.ts adds. Pinned here so that a
 * change of zod (or of how the schemas are written) cannot alter them unnoticed. The values the
 * schemas give (defaults, numbers read as strings, dates) are pinned beside them.
 */
import { describe, expect, it } from 'vitest';
import { bankFrontmatterSchema, configSchema, courseSchema, lessonFrontmatterSchema } from '../src/course/schema.js';
import { parseYamlLocated } from '../src/course/yaml.js';
import { DiagnosticSink } from '../src/diagnostics/diagnostic.js';

const COURSE = `id: safety
title: Safety
language: en
version: 1.0.0
summary: A course.
occupation: Electrician
certificate:
  name: Safety certificate
  level: 4
  issuer: Test centre
credits: 30
hours: 2
exam:
  draw:
    - bank: core
      count: 2
  passingScore: 60
`;
const STANDARD = `standard:
  name: Standard
  level: 3
  asOf: 2026-11-30
  mapping:
    - item: Wiring
      lessons: [intro]
`;

type Schema = Parameters<typeof parseYamlLocated>[1];

/** What an author reads for `text`: line:column, rule and message of each problem. */
function problems(text: string, schema: Schema = courseSchema): string[] {
  const sink = new DiagnosticSink();
  parseYamlLocated(text, schema, { file: 'course.yml', sink });
  return sink.items.map((d) => `${d.line}:${d.column} ${d.rule}: ${d.message}`);
}

describe('messages for a bad course.yml', () => {
  it('says what a number must be', () => {
    expect(problems(COURSE.replace('credits: 30', 'credits: 2.5'))).toEqual(['11:10 schema-invalid-value: `credits`: expected int']);
    expect(problems(COURSE.replace('credits: 30', 'credits: 91'))).toEqual(['11:10 schema-invalid-value: `credits`: Too big: expected number to be <=90']);
    expect(problems(COURSE.replace('credits: 30', 'credits: -1'))).toEqual(['11:10 schema-invalid-value: `credits`: Too small: expected number to be >=0']);
    expect(problems(COURSE.replace('credits: 30', 'credits: thirty'))).toEqual(['11:10 schema-invalid-value: `credits`: expected number']);
    expect(problems(COURSE.replace('hours: 2', 'hours: -2'))).toEqual(['12:8 schema-invalid-value: `hours`: Too small: expected number to be >0']);
    expect(problems(COURSE.replace('count: 2', 'count: 0'))).toEqual(['16:14 schema-invalid-value: `exam.draw.0.count`: Too small: expected number to be >0']);
  });

  it("gives the schemas' own advice on ids, versions and dates", () => {
    expect(problems(COURSE.replace('id: safety', 'id: Safety_Course'))).toEqual(['1:5 schema-invalid-value: `id`: use lower-case letters, digits and "-", starting with a letter']);
    expect(problems(COURSE.replace('id: safety', `id: ${'a'.repeat(65)}`))).toEqual(['1:5 schema-invalid-value: `id`: Too big: expected string to have <=64 characters']);
    expect(problems(COURSE.replace('version: 1.0.0', 'version: one'))).toEqual(['4:10 schema-invalid-value: `version`: use a version such as 1.0.0']);
    expect(problems(COURSE.replace('version: 1.0.0', 'version: true'))).toEqual(['4:10 schema-invalid-value: `version`: Invalid input']);
    expect(problems(COURSE + STANDARD.replace('2026-11-30', '30.11.2026'))).toEqual(['21:9 schema-invalid-value: `standard.asOf`: use a date such as 2026-11-30']);
  });

  it('names the allowed values and the nearest one', () => {
    expect(problems(`${COURSE}completion: lesson-and-exam\n`)).toEqual([
      '18:13 schema-invalid-value: `completion`: "lesson-and-exam" is not allowed: use one of "lessons", "exam", "lessons-and-exam" (did you mean "lessons-and-exam"?)',
    ]);
    expect(problems(COURSE.replace('passingScore: 60', 'passingScore: 60\n  review: sometimes'))).toEqual(['18:11 schema-invalid-value: `exam.review`: "sometimes" is not allowed: use one of "always", "final", "never"']);
  });

  it('counts items and characters', () => {
    expect(problems(COURSE.replace('  draw:\n    - bank: core\n      count: 2\n', '  draw: []\n'))).toEqual(['14:9 schema-invalid-value: `exam.draw`: Too small: expected array to have >=1 items']);
    expect(problems(COURSE.replace('title: Safety', 'title: ""'))).toEqual(['2:8 schema-invalid-value: `title`: Too small: expected string to have >=1 characters']);
  });

  it('reports missing and unknown keys, with the keys allowed where they are nested', () => {
    expect(problems(COURSE.replace('summary: A course.\n', ''))).toEqual(['1:1 schema-missing-key: required key `summary` is missing']);
    expect(problems(COURSE.replace('passingScore:', 'pasingScore:'))).toEqual(['17:3 schema-unknown-key: unknown key `exam.pasingScore` (did you mean `passingScore`?)']);
    expect(problems(COURSE.replace('count: 2', 'count: 2\n      weight: 1'))).toEqual(['17:7 schema-unknown-key: unknown key `exam.draw.0.weight` (allowed here: bank, count, surveys)']);
    expect(problems(COURSE + STANDARD + '      lesson: intro\n')).toEqual(['25:7 schema-unknown-key: unknown key `standard.mapping.0.lesson` (did you mean `lessons`?)']);
    expect(problems('- a list\n')).toEqual(['1:1 schema-invalid-value: the document: expected object']);
  });
});

describe('messages for bad settings and frontmatter', () => {
  it('says what a setting must look like, inside a block that has a default', () => {
    expect(problems('theme:\n  primaryColor: blue\n', configSchema)).toEqual(['2:17 schema-invalid-value: `theme.primaryColor`: use a CSS colour such as #0b5cad']);
    expect(problems('theme:\n  primaryColour: "#fff"\n', configSchema)).toEqual(['2:3 schema-unknown-key: unknown key `theme.primaryColour` (did you mean `primaryColor`?)']);
    expect(problems('baseIri: https://example.org/\n', configSchema)).toEqual(['1:10 schema-invalid-value: `baseIri`: use an absolute http(s) IRI without a trailing slash']);
    expect(problems('targets: []\n', configSchema)).toEqual(['1:10 schema-invalid-value: `targets`: Too small: expected array to have >=1 items']);
  });

  it('lists the keys frontmatter allows', () => {
    expect(problems('author: me\n', lessonFrontmatterSchema)).toEqual(['1:1 schema-unknown-key: unknown key `author` (allowed here: title, id)']);
    expect(problems('lessons: intro\n', bankFrontmatterSchema)).toEqual(['1:1 schema-unknown-key: unknown key `lessons` (did you mean `lesson`?)']);
  });
});

describe('values the schemas give', () => {
  it('fills defaults and reads numbers and dates as text', () => {
    const sink = new DiagnosticSink();
    const { value } = parseYamlLocated(COURSE + STANDARD, courseSchema, { file: 'course.yml', sink });
    expect(sink.items).toEqual([]);
    expect(value?.certificate.level).toBe('4');
    expect(value?.standard?.level).toBe('3');
    expect(value?.exam).toEqual({ draw: [{ bank: 'core', count: 2, surveys: false }], passingScore: 60, attempts: 0, shuffleQuestions: true, shuffleChoices: true, review: 'final', delivery: 'player' });
    expect(value?.completion).toBe('lessons-and-exam');
    expect(courseSchema.shape.version.parse(2)).toBe('2');
    expect(courseSchema.shape.standard.parse({ name: 'S', level: 1, asOf: new Date('2026-11-30T00:00:00Z'), mapping: [{ item: 'i', lessons: ['a'] }] })?.asOf).toBe('2026-11-30');
    expect(configSchema.parse({})).toEqual({
      organisation: 'skillpack',
      baseIri: 'https://example.org/skillpack/courses',
      courses: 'courses',
      out: 'dist',
      targets: ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'],
      theme: {},
    });
  });
});
