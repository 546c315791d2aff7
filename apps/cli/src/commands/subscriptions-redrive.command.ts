import { type RedriveSelection } from '#subscriptions';
import { type CliCommand, UsageError } from '../command.js';
import { subscriptionTools, uuidArgument } from './subscriptions-support.js';

/**
 * Queues dead-lettered events for delivery again. The delivery worker sends them (with a fresh
 * attempt count and back-off), removes each from the dead letters once a receiver took it, and marks
 * it dead again if every attempt fails. Redriven events arrive after later events of their
 * complaint: receivers order by `revision`, not by arrival.
 */
export const subscriptionsRedriveCommand: CliCommand = {
  name: 'subscriptions redrive',
  usage: 'subscriptions redrive <subscriptionId> (--event <eventId> | --all)',
  summary: 'queue dead-lettered webhook events for delivery again',
  async run(args, context) {
    const id = uuidArgument(args[0], 'subscription id');
    const selection = selectionOf(args.slice(1));
    const tools = await subscriptionTools(context);
    try {
      if (!(await tools.subscriptions.get(id))) {
        context.err.write(`no subscription ${id}\n`);
        return 1;
      }
      const queued = await tools.subscriptions.redrive(id, selection, new Date());
      if ('eventId' in selection && queued === 0) {
        context.err.write(`event ${selection.eventId} is not a dead letter of subscription ${id}\n`);
        return 1;
      }
      context.print(`queued ${queued} dead-lettered event${queued === 1 ? '' : 's'} for redelivery`);
      return 0;
    } finally {
      await tools.close();
    }
  },
};

function selectionOf(options: string[]): RedriveSelection {
  if (options.length === 1 && options[0] === '--all') return { all: true };
  if (options.length === 2 && options[0] === '--event') return { eventId: uuidArgument(options[1], 'event id') };
  throw new UsageError('give either --event <eventId> or --all');
}
