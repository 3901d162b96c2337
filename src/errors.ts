/** A mistake in how a command was called: the CLI prints it without a stack trace. */
export class UsageError extends Error {}
