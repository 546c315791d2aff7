import {
  type AllStreamSubscription,
  type EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  streamNameFilter,
} from '@eventstore/db-client';
import { type FeedFilter, type Position, type RecordedEvent, START } from '../port.js';
import { asTimeout, withDeadline } from './deadline.js';
import { decodePosition, type EsdbRecorded, fromRecorded, matchesFeed, serverFilter } from './mapping.js';
import { toPortEvent } from './reads.js';

function clientFilter(filter: FeedFilter | undefined): Filter {
  const spec = serverFilter(filter);
  if (spec.kind === 'stream-prefixes') return streamNameFilter({ prefixes: spec.prefixes });
  if (spec.kind === 'event-type-regex') return eventTypeFilter({ regex: spec.regex });
  return excludeSystemEvents();
}

/**
 * One filtered catch-up subscription to $all, after `after` (exclusive, unlike reads). Resolves once
 * the server confirms it, within `timeoutMs`; a silent server never confirms, hence the deadline.
 */
export async function openSubscription(
  client: EventStoreDBClient,
  timeoutMs: number,
  request: { after: Position; filter?: FeedFilter; signal: AbortSignal },
): Promise<AsyncIterable<RecordedEvent>> {
  const fromPosition = request.after === START ? 'start' : decodePosition(request.after);
  const subscription = client.subscribeToAll({ fromPosition, filter: clientFilter(request.filter) });
  // Until the consumer iterates, an 'error' without a listener would crash the process.
  subscription.on('error', () => undefined);
  const stop = (): void => void subscription.unsubscribe().catch(() => undefined);
  request.signal.addEventListener('abort', stop, { once: true });
  try {
    await withDeadline('subscribe', timeoutMs, () => confirmed(subscription), stop);
  } catch (error) {
    request.signal.removeEventListener('abort', stop);
    stop();
    throw asTimeout(error, 'subscribe', timeoutMs);
  }
  return delivered(subscription, request.filter, request.signal, stop);
}

function confirmed(subscription: AllStreamSubscription): Promise<void> {
  return new Promise((resolve, reject) => {
    subscription.once('confirmation', () => resolve());
    subscription.once('error', reject);
    subscription.once('end', () => reject(new Error('EventStoreDB ended the subscription before confirming it')));
  });
}

async function* delivered(
  subscription: AllStreamSubscription,
  filter: FeedFilter | undefined,
  signal: AbortSignal,
  stop: () => void,
): AsyncGenerator<RecordedEvent, void, undefined> {
  try {
    for await (const resolved of subscription) {
      if (signal.aborted) return;
      const raw = resolved.event as EsdbRecorded | undefined;
      if (!raw || !matchesFeed({ streamName: raw.streamId, type: raw.type }, filter)) continue;
      yield toPortEvent(fromRecorded(raw));
    }
  } finally {
    signal.removeEventListener('abort', stop);
    stop();
  }
}
