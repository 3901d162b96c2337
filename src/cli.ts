/**
 * The `skillpack` command: a thin layer that parses flags, maps them onto the
 * programmatic API (imported lazily, so `--help` is instant) and has one place
 * that prints a failure and exits 1.
 */
import { Command, Option } from 'commander';
import { TARGET_NAMES, type TargetName } from './course/schema.js';
import { UsageError } from './errors.js';

const program = new Command()
  .name('skillpack')
  .description('Compile Markdown courses into SCORM 1.2, SCORM 2004, xAPI, cmi5 and web packages.')
  .option('-C, --root <dir>', 'project folder (holds skillpack.config.yml and courses/)', '.')
  .showHelpAfterError();

const color = process.stdout.isTTY && !process.env.NO_COLOR;

program
  .command('check')
  .description('check courses and report every problem with file:line:col (default: every course in courses/)')
  .argument('[courses...]', 'course folders')
  .option('--format <format>', 'text or json', 'text')
  .action(async (courses: string[], options: { format: string }) => {
    const { check } = await import('./commands/check.js');
    process.exitCode = await check({ root: program.opts().root, courses, json: options.format === 'json', color: Boolean(color) });
  });

program
  .command('build')
  .description('build packages into dist/ (default: every course, every target)')
  .argument('[courses...]', 'course folders')
  .addOption(new Option('-t, --target <targets>', `comma-separated targets: ${TARGET_NAMES.join(', ')}`))
  .option('-o, --out <dir>', 'output folder (default: dist, or `out` in skillpack.config.yml)')
  .option('--lrs-endpoint <url>', 'xapi target only: bake this LRS endpoint into a standalone build (prints a warning)')
  .option('--lrs-auth <auth>', 'xapi target only: bake this Authorization value into a standalone build (prints a warning)')
  .action(async (courses: string[], options: { target?: string; out?: string; lrsEndpoint?: string; lrsAuth?: string }) => {
    const targets = options.target?.split(',').map((t) => t.trim()).filter(Boolean);
    const unknown = targets?.filter((t) => !(TARGET_NAMES as readonly string[]).includes(t)) ?? [];
    if (unknown.length) throw new UsageError(`unknown target ${unknown.join(', ')} (choose from ${TARGET_NAMES.join(', ')})`);
    const { buildCommand } = await import('./commands/build.js');
    process.exitCode = await buildCommand({
      root: program.opts().root,
      courses,
      targets: targets as TargetName[] | undefined,
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
  .option('-p, --port <port>', 'port (a free one is used when taken)', '4173')
  .option('--open', 'open a browser')
  .option('--db <file>', 'journal file of the embedded LRS (":memory:" keeps nothing)', '.skillpack/lrs.jsonl')
  .option('--lenient-cmi5', 'accept cmi5 statements a strict LMS would refuse')
  .action(async (course: string | undefined, options: { port: string; open?: boolean; db: string; lenientCmi5?: boolean }) => {
    const { previewCommand } = await import('./commands/preview.js');
    await previewCommand({ root: program.opts().root, course, port: Number(options.port), open: Boolean(options.open), db: options.db, strictCmi5: !options.lenientCmi5 });
  });

program
  .command('new')
  .description('scaffold a new course that passes `skillpack check`')
  .argument('<id>', 'course id: lower-case letters, digits and "-"')
  .option('--language <lang>', 'en or zh-CN', 'en')
  .option('--title <title>', 'course title')
  .action(async (id: string, options: { language: string; title?: string }) => {
    const { newCourse } = await import('./commands/new.js');
    process.exitCode = await newCourse({ root: program.opts().root, id, language: options.language, title: options.title });
  });

program
  .command('validate')
  .description('check SCORM 1.2, SCORM 2004, xAPI (tincan.xml) and cmi5 packages as an importing LMS would, with file:line:col')
  .argument('<packages...>', 'zip files or unpacked package folders')
  .option('--format <format>', 'text or json', 'text')
  .action(async (packages: string[], options: { format: string }) => {
    if (options.format !== 'text' && options.format !== 'json') throw new UsageError(`unknown format ${options.format} (choose text or json)`);
    const { validateCommand } = await import('./commands/validate.js');
    process.exitCode = await validateCommand({ root: program.opts().root, packages, json: options.format === 'json', color: Boolean(color) });
  });

program
  .command('bench')
  .description('measure build speed, package size and runtime speed; print a table and write JSON')
  .option('--runs <n>', 'measured runs per figure', '5')
  .option('--quick', 'fewer runs and no browser figures')
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
