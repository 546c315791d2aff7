import type { CliContext } from './cli-context.js';

/** One CLI command. `name` may have several words (`projections rebuild`). Returns the exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[], context: CliContext): Promise<number>;
}

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}
