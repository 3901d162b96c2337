/** How the command answers mistakes in how it is called: one clear usage error, exit status 1. */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { REPO } from './support/packages.js';

describe('skillpack (command line usage)', () => {
  it('prints its version', async () => {
    const { version } = (await import('../package.json', { with: { type: 'json' } })).default as { version: string };
    const run = await runCli(['--version']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  it.each([
    [['check', '--format', 'yaml'], /argument 'yaml' is invalid\. Allowed choices are text, json/],
    [['validate', '--format', 'xml', 'x.zip'], /argument 'xml' is invalid\. Allowed choices are text, json/],
    [['preview', '--port', 'abc'], /argument 'abc' is invalid\. use a whole number from 0 to 65535/],
    [['new', 'demo', '--language', 'fr'], /argument 'fr' is invalid\. Allowed choices are en, zh-CN/],
    [['preview', '--language', 'fr'], /argument 'fr' is invalid\. Allowed choices are en, zh-CN/],
    [['-C', '/no/such/folder', 'check'], /-C \/no\/such\/folder: no such folder/],
  ])('refuses %j with a usage error', async (args, message) => {
    const run = await runCli(args as string[], { cwd: REPO });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('takes a course by its id, also for a project in another folder (-C)', async () => {
    const run = await runCli(['-C', REPO, 'check', 'welder'], { cwd: tmpdir() });
    expect(run.stdout).toMatch(/no problems\nchecked 1 course\n$/);
    expect(run.status).toBe(0);
    // A name that is neither a course folder nor an id is reported as such.
    const missing = await runCli(['-C', REPO, 'check', 'no-such-course'], { cwd: tmpdir() });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/course-not-found/);
  });

  it('shows examples in the help of every command', async () => {
    for (const command of ['check', 'build', 'preview', 'new', 'validate', 'bench']) {
      const run = await runCli([command, '--help']);
      expect(run.status, command).toBe(0);
      expect(run.stdout, command).toMatch(new RegExp(`Examples:\\n {2}\\$ skillpack ${command}`));
    }
  });
});
