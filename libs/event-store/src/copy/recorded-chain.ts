import { chainHash, contentDigest, GENESIS_HASH } from '../hash-chain.js';
import { type RecordedEvent, type StreamName, WrongExpectedRevisionError } from '../port.js';

/** The last event of a stream as far as a continuation check needs it; revision -1 = no stream. */
export interface StreamTail {
  revision: number;
  hash: string;
}

export const EMPTY_TAIL: StreamTail = { revision: -1, hash: GENESIS_HASH };

/**
 * The check behind every adapter's appendRecorded: the events must be the stream's next revisions,
 * link to its last hash and recompute, so a copy can never store a chain the source did not have.
 */
export function checkRecordedContinuation(
  stream: StreamName,
  events: readonly RecordedEvent[],
  tail: StreamTail,
): void {
  if (events.length === 0) throw new TypeError('appendRecorded needs at least one event');
  const first = events[0]!;
  if (first.revision !== tail.revision + 1 || first.previousHash !== tail.hash) {
    throw new WrongExpectedRevisionError(stream, first.revision - 1, tail.revision);
  }
  let previousHash = tail.hash;
  for (const [index, event] of events.entries()) {
    const revision = first.revision + index;
    const expected = chainHash(previousHash, revision, contentDigest({ ...event, streamName: stream }));
    if (
      event.streamName !== stream ||
      event.revision !== revision ||
      event.previousHash !== previousHash ||
      event.hash !== expected
    ) {
      throw new TypeError(
        `Recorded event ${event.id} does not continue the hash chain of ${stream} at revision ${revision}`,
      );
    }
    previousHash = event.hash;
  }
}
