import type { DeadLetter } from '#subscriptions';
import { type CliCommand, UsageError } from '../command.js';
import { subscriptionTools, uuidArgument } from './subscriptions-support.js';

/** The events a subscription gave up on, oldest first, with the last error of each. */
export const subscriptionsDeadLettersCommand: CliCommand = {
  name: 'subscriptions dead-letters',
  usage: 'subscriptions dead-letters <subscriptionId> [--json]',
  summary: 'list the dead-lettered events of a webhook subscription',
  async run(args, context) {
    const json = args.includes('--json');
    const positional = args.filter((arg) => arg !== '--json');
    if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
    const id = uuidArgument(positional[0], 'subscription id');
    const tools = await subscriptionTools(context);
    try {
      if (!(await tools.subscriptions.get(id))) {
        context.err.write(`no subscription ${id}\n`);
        return 1;
      }
      const letters = await tools.subscriptions.deadLetters(id);
      if (json) context.print(JSON.stringify({ deadLetters: letters }, null, 2));
      else if (letters.length === 0) context.print(`subscription ${id}: no dead letters`);
      else letters.forEach((letter) => context.print(describe(letter)));
      return 0;
    } finally {
      await tools.close();
    }
  },
};

function describe(letter: DeadLetter): string {
  return [
    `${letter.eventId}  ${letter.eventType}  ${letter.streamName}@${letter.revision}  ${letter.state}`,
    `  dead since ${letter.deadLetteredAt.toISOString()} after ${letter.attempts} attempts: ${letter.lastError}`,
  ].join('\n');
}
