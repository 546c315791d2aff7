import { randomBytes, randomUUID } from 'node:crypto';
import type { EventStore, FeedFilter, NewEvent, Position, RecordedEvent } from '../../libs/event-store/src/index.js';
import { START } from '../../libs/event-store/src/index.js';

/** A category of its own per test, so the suite also runs on a store that is not empty (EventStoreDB). */
export function newCategory(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

export function streamIn(category: string): string {
  return `${category}-${randomUUID()}`;
}

export function newEvent(type = 'ComplaintReceived', data: unknown = { n: 1 }): NewEvent {
  return {
    id: randomUUID(),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor: { id: 'agent-7', role: 'agent' }, correlationId: randomUUID(), causationId: randomUUID() },
  };
}

export function events(count: number, type = 'ComplaintReceived'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}

/** Reads the whole feed (restricted by `filter`) page by page. */
export async function readWholeFeed(store: EventStore, filter: FeedFilter, limit = 97): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after: Position = START;
  for (;;) {
    const page = await store.readAll({ after, limit, filter });
    all.push(...page.events);
    if (page.events.length < limit) return all;
    after = page.position;
  }
}

/** Takes `count` events from a subscription, failing after `timeoutMs`. */
export async function take(
  iterable: AsyncIterable<RecordedEvent>,
  count: number,
  timeoutMs = 10_000,
): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  if (count === 0) return taken;
  const iterator = iterable[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    while (taken.length < count) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next === 'timeout') throw new Error(`took ${taken.length} of ${count} events within ${timeoutMs} ms`);
      if (next.done) break;
      taken.push(next.value);
    }
    return taken;
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** A clock the test moves by hand. */
export function manualClock(start = '2024-05-01T10:00:00.000Z'): { now: () => Date; advance: (ms: number) => void } {
  let current = Date.parse(start);
  return { now: () => new Date(current), advance: (ms) => (current += ms) };
}
