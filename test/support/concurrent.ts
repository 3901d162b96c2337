/**
 * Browser journeys mostly wait (on the player's timers, the LRS, page loads), so the
 * files that hold many of them run their tests side by side. Vitest's global
 * `expect.poll` and `onTestFinished` belong to one running test at a time; the
 * `it` here runs each test with its own context, which `poll` and `whenTestEnds`
 * (and the shared helpers that use them) find wherever they are called from.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { expect, it as vitestIt, onTestFinished, type TestContext } from 'vitest';

const running = new AsyncLocalStorage<TestContext>();

/** `expect.poll` of the test this code runs for (the global one outside a test started here). */
export const poll: typeof expect.poll = (fn, options) => (running.getStore()?.expect ?? expect).poll(fn, options);

/** Run `cleanup` when the test this code runs for ends, passed or failed. */
export function whenTestEnds(cleanup: () => unknown): void {
  const context = running.getStore();
  if (context) context.onTestFinished(async () => void (await cleanup()));
  else onTestFinished(async () => void (await cleanup()));
}

/** A test whose body (and every helper it calls) polls with its own expect; use inside `describe.concurrent`. */
export function it(name: string, body: (context: TestContext) => Promise<void>, timeout?: number): void {
  vitestIt(name, (context) => running.run(context, () => body(context)), timeout);
}
