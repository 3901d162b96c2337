/**
 * The `skillpack` command: a thin layer that parses flags, maps them onto the
 * programmatic API (imported lazily, so `--help` is instant) and has one place
 * that prints a failure and exits 1.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { LANGUAGE_LIST, type Language } from './languages/tags.js';
import { OUTPUT_NAMES, type OutputName } from './targets/names.js';
import { UsageError } from './errors.js';
import { packagePath } from './paths.js';

const { version } = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string };

/** `--format`: the same two choices wherever a command prints a report. */
const formatOption = () => new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

/** A TCP port, or a usage error that says what was wrong. */
function portNumber(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('use a whole number from 0 to 65535.');
  return port;
}

/** Examples shown at the end of a command's --help. */
const examples = (...lines: string[]) => `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;

const program = new Command()
  .name('skillpack')
  .description('Compile Markdown courses into SCORM 1.2, SCORM 2004, xAPI, cmi5 and web packages.')
  .version(version, '-v, --version', 'print the version')
  .option('-C, --root <dir>', 'project folder (holds skillpack.config.yml and courses/)', '.')
  .showHelpAfterError('(run with --help for usage and examples)')
  .addHelpText('after', examples('skillpack build', 'skillpack check courses/hr-manager', 'skillpack preview courses/hr-manager --open', 'skillpack new fire-safety-officer --language zh-CN'))
  .hook('preAction', () => {
    const root = program.opts().root as string;
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`-C ${root}: no such folder`);
  });

const color = process.stdout.isTTY && !process.env.NO_COLOR;

program
  .command('check')
  .description('check courses and report every problem with file:line:col (default: every course in courses/)')
  .argument('[courses...]', 'course folders')
  .addOption(formatOption())
  .addHelpText('after', examples('skillpack check', 'skillpack check courses/hr-manager courses/welder', 'skillpack check --format json > report.json'))
  .action(async (courses: string[], options: { format: string }) => {
    const { check } = await import('./commands/check.js');
    process.exitCode = await check({ root: program.opts().root, courses, json: options.format === 'json', color: Boolean(color) });
  });

program
  .command('build')
  .description('build packages into dist/ (default: every course, the five player targets)')
  .argument('[courses...]', 'course folders')
  .addOption(new Option('-t, --target <targets>', `comma-separated targets: ${OUTPUT_NAMES.join(', ')} (qti and moodle-xml are exports for an LMS's quiz engine, built only when named, or for courses with exam.delivery: lms)`))
  .option('-o, --out <dir>', 'output folder (default: dist, or `out` in skillpack.config.yml)')
  .option('--lrs-endpoint <url>', 'xapi target only: bake this LRS endpoint into a standalone build (prints a warning)')
  .option('--lrs-auth <auth>', 'xapi target only: bake this Authorization value into a standalone build (prints a warning)')
  .addHelpText('after', examples('skillpack build', 'skillpack build courses/hr-manager --target scorm12,scorm2004', 'skillpack build courses/hr-manager --target qti,moodle-xml', 'skillpack build --out /srv/packages'))
  .action(async (courses: string[], options: { target?: string; out?: string; lrsEndpoint?: string; lrsAuth?: string }) => {
    const targets = options.target?.split(',').map((t) => t.trim()).filter(Boolean);
    const unknown = targets?.filter((t) => !(OUTPUT_NAMES as readonly string[]).includes(t)) ?? [];
    if (unknown.length) throw new UsageError(`unknown target ${unknown.join(', ')} (choose from ${OUTPUT_NAMES.join(', ')})`);
    const { buildCommand } = await import('./commands/build.js');
    process.exitCode = await buildCommand({
      root: program.opts().root,
      courses,
      targets: targets as OutputName[] | undefined,
      out: options.out,
      lrs: options.lrsEndpoint ? { endpoint: options.lrsEndpoint, auth: options.lrsAuth } : undefined,
      color: Boolean(color),
      interactive: Boolean(process.stderr.isTTY),
    });
  });

program
  .command('preview')
  .description('serve a course locally with a simulated LMS and an embedded LRS, rebuilding on save')
  .argument('[course]', 'course folder to open first')
  .option('-p, --port <port>', 'port (a free one is used when taken)', portNumber, 4173)
  .option('--open', 'open a browser')
  .option('--db <file>', 'journal file of the embedded LRS (":memory:" keeps nothing)', '.skillpack/lrs.jsonl')
  .option('--lenient-cmi5', 'accept cmi5 statements a strict LMS would refuse')
  .addOption(new Option('--language <lang>', 'language of the workspace (default: catalogueLanguage, else the language most courses are written in)').choices(LANGUAGE_LIST))
  .addHelpText('after', examples('skillpack preview', 'skillpack preview courses/hr-manager --open', 'skillpack preview --port 8080 --db :memory:', 'skillpack preview --language en'))
  .action(async (course: string | undefined, options: { port: number; open?: boolean; db: string; lenientCmi5?: boolean; language?: Language }) => {
    const { previewCommand } = await import('./commands/preview.js');
    await previewCommand({ root: program.opts().root, course, port: options.port, open: Boolean(options.open), db: options.db, strictCmi5: !options.lenientCmi5, language: options.language });
  });

program
  .command('new')
  .description('scaffold a new course that passes `skillpack check`')
  .argument('<id>', 'course id: lower-case letters, digits and "-"')
  .addOption(new Option('--language <lang>', 'language of the course').choices(LANGUAGE_LIST).default('en'))
  .option('--title <title>', 'course title')
  .addHelpText('after', examples('skillpack new fire-safety-officer', 'skillpack new elderly-care --language zh-CN --title "养老护理员（四级）"'))
  .action(async (id: string, options: { language: string; title?: string }) => {
    const { newCourse } = await import('./commands/new.js');
    process.exitCode = await newCourse({ root: program.opts().root, id, language: options.language, title: options.title });
  });

program
  .command('validate')
  .description('check SCORM 1.2, SCORM 2004, xAPI (tincan.xml) and cmi5 packages as an importing LMS would, with file:line:col')
  .argument('<packages...>', 'zip files or unpacked package folders')
  .addOption(formatOption())
  .addHelpText('after', examples('skillpack validate dist/hr-manager/hr-manager-scorm2004.zip', 'skillpack validate vendor-package.zip unpacked-package/', 'skillpack validate --format json dist/*/*.zip'))
  .action(async (packages: string[], options: { format: string }) => {
    const { validateCommand } = await import('./commands/validate.js');
    process.exitCode = await validateCommand({ root: program.opts().root, packages, json: options.format === 'json', color: Boolean(color) });
  });

program
  .command('import')
  .description('turn a spreadsheet question bank (.xlsx or .csv; 题型, 题干, 选项A…, 答案, 解析 columns) into a bank file of a course')
  .argument('<file>', 'the spreadsheet')
  .requiredOption('--course <id>', 'the course that gets the bank (a folder in courses/)')
  .option('--bank <id>', 'bank id, the file name in banks/ (default: the spreadsheet\'s file name)')
  .option('--force', 'replace the bank file when it exists')
  .option('--dry-run', 'check every row and write nothing')
  .addOption(formatOption())
  .addHelpText('after', examples('skillpack import 题库.xlsx --course psychological-counsellor --bank ethics', 'skillpack import hr-core.csv --course hr-manager', 'skillpack import bank.xlsx --course welder --bank safety --dry-run'))
  .action(async (file: string, options: { course: string; bank?: string; force?: boolean; dryRun?: boolean; format: string }) => {
    const { importCommand } = await import('./commands/import.js');
    process.exitCode = await importCommand({ root: program.opts().root, file, course: options.course, bank: options.bank, force: Boolean(options.force), dryRun: Boolean(options.dryRun), json: options.format === 'json', color: Boolean(color) });
  });

const translate = program
  .command('translate')
  .description('exchange a course\'s texts with translators (XLIFF 2.0) and keep translations in step with the source')
  .addHelpText('after', examples('skillpack translate export courses/electrician --language en', 'skillpack translate import electrician.en.xlf', 'skillpack translate mark electrician --language en'));
const languageOption = () => new Option('--language <lang>', 'the translation\'s language').choices(LANGUAGE_LIST).makeOptionMandatory();

translate
  .command('export')
  .description('write every text of a course (course.yml texts, lessons, questions) as XLIFF 2.0, with the current translation as target')
  .argument('<course>', 'course folder or id')
  .addOption(languageOption())
  .option('-o, --out <file>', 'XLIFF file to write (default: <course id>.<language>.xlf)')
  .addHelpText('after', examples('skillpack translate export courses/electrician --language en', 'skillpack translate export electrician --language en -o to-translator/electrician.xlf'))
  .action(async (course: string, options: { language: string; out?: string }) => {
    const { translateExport } = await import('./commands/translate.js');
    process.exitCode = await translateExport({ root: program.opts().root, course, language: options.language, out: options.out, color: Boolean(color) });
  });

translate
  .command('import')
  .description('write translation files from an XLIFF file\'s targets, record their sources and check them (nothing is kept when the translation has errors)')
  .argument('<file>', 'XLIFF 2.0 file, as written by `translate export`')
  .argument('[course]', 'course folder or id (default: the XLIFF file\'s course)')
  .addHelpText('after', examples('skillpack translate import electrician.en.xlf', 'skillpack translate import from-translator/electrician.xlf courses/electrician'))
  .action(async (file: string, course: string | undefined, _options: unknown) => {
    const { translateImport } = await import('./commands/translate.js');
    process.exitCode = await translateImport({ root: program.opts().root, file, course, color: Boolean(color) });
  });

translate
  .command('mark')
  .description('after editing a translation by hand, record that it is up to date with the current source')
  .argument('<course>', 'course folder or id')
  .addOption(languageOption())
  .addHelpText('after', examples('skillpack translate mark courses/electrician --language en'))
  .action(async (course: string, options: { language: string }) => {
    const { translateMark } = await import('./commands/translate.js');
    process.exitCode = await translateMark({ root: program.opts().root, course, language: options.language, color: Boolean(color) });
  });

program
  .command('bench')
  .description('measure build speed, package size and runtime speed; print a table and write JSON')
  .option('--runs <n>', 'measured runs per figure', '5')
  .option('--quick', 'fewer runs and no browser figures')
  .addHelpText('after', examples('skillpack bench', 'skillpack bench --quick'))
  .action(async (options: { runs: string; quick?: boolean }) => {
    const { benchCommand } = await import('./commands/bench.js');
    process.exitCode = await benchCommand({ root: program.opts().root, runs: Number(options.runs), quick: Boolean(options.quick) });
  });


try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`skillpack: ${message}\n`);
  if (!(error instanceof UsageError) && process.env.SKILLPACK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
