import { type ChainBreak, StreamChainTracker } from '#event-store/audit/chain-tracker';
import { EXPORT_PAGE_SIZE, exportPages } from '#event-store/audit/export-reader';
import type { CliCommand } from '../command.js';
import { countEvents, pageSizeOption, parseOptions, progressFor } from './events-support.js';

/**
 * Checks the hash chain of every stream in one pass over the global feed (the store as written,
 * never upcast), keeping only each stream's last link. Every broken stream is printed with the first
 * revision where its chain fails; the exit code is 1 when any is broken.
 */
export const eventsVerifyCommand: CliCommand = {
  name: 'events verify',
  usage: 'events verify [--page-size <n>]',
  summary: "verify every stream's hash chain; exit 1 if any is broken",
  async run(args, context) {
    const options = parseOptions(args, ['page-size']);
    const pageSize = pageSizeOption(options['page-size'], EXPORT_PAGE_SIZE);
    const store = await context.eventStore();
    const progress = progressFor(context, 'verify', await countEvents(store));
    const tracker = new StreamChainTracker();
    for await (const page of exportPages(store, {}, { pageSize })) {
      for (const event of page) tracker.check(event);
      progress.tick(page.length);
    }
    progress.done();
    const broken = tracker.brokenStreams();
    for (const found of broken) context.print(describeBreak(found));
    const summary = `${tracker.eventsChecked} events in ${tracker.streamsSeen} streams`;
    context.print(broken.length === 0 ? `ok: ${summary}` : `BROKEN: ${broken.length} of ${summary}`);
    return broken.length === 0 ? 0 : 1;
  },
};

export function describeBreak({ streamName, brokenAtRevision, reason, eventId }: ChainBreak): string {
  return `broken: ${streamName} at revision ${brokenAtRevision}: ${reason} (event ${eventId})`;
}
