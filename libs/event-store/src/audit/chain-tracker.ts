import { chainHash, contentDigest, GENESIS_HASH } from '../hash-chain.js';
import type { RecordedEvent, StreamName } from '../port.js';

/**
 * Why a stream's chain breaks at a revision:
 * - `revision_gap`: the event at this place does not carry the next revision (an event was removed,
 *   moved to another stream, or its revision was changed)
 * - `previous_hash_mismatch`: its previousHash is not the hash of the event before it
 * - `hash_mismatch`: its hash is not sha256(previous ‖ revision ‖ content): the content (data,
 *   metadata, type, schema version, id, stream, recordedAt) or the hash itself was altered
 */
export type ChainBreakReason = 'revision_gap' | 'previous_hash_mismatch' | 'hash_mismatch';

export interface ChainBreak {
  streamName: StreamName;
  /** The first revision at which the chain does not hold: the revision the event there should have. */
  brokenAtRevision: number;
  reason: ChainBreakReason;
  /** The id of the event found there. */
  eventId: string;
}

export type StreamVerdict =
  { ok: true; revision: number } | { ok: false; brokenAtRevision: number; reason: ChainBreakReason };

/** What one link needs to know about the event before it. */
export interface ChainTip {
  revision: number;
  hash: string;
}

const START_OF_STREAM: ChainTip = { revision: -1, hash: GENESIS_HASH };

/** The problem with `event` following `tip`, or undefined when it links correctly. */
export function linkProblem(tip: ChainTip, event: RecordedEvent): ChainBreakReason | undefined {
  if (event.revision !== tip.revision + 1) return 'revision_gap';
  if (event.previousHash !== tip.hash) return 'previous_hash_mismatch';
  if (event.hash !== chainHash(tip.hash, event.revision, contentDigest(event))) return 'hash_mismatch';
  return undefined;
}

/**
 * Verifies many streams at once from events in feed order (each stream's events in revision order,
 * streams interleaved), keeping only the last link of each stream: memory grows with the number of
 * streams, not of events. A stream is reported once, at its first break; its later events are skipped.
 */
export class StreamChainTracker {
  private readonly tips = new Map<StreamName, ChainTip>();
  private readonly breaks = new Map<StreamName, ChainBreak>();
  private checked = 0;

  /** Checks one event; returns the break it reveals, if it is the stream's first. */
  check(event: RecordedEvent): ChainBreak | undefined {
    this.checked += 1;
    if (this.breaks.has(event.streamName)) return undefined;
    const tip = this.tips.get(event.streamName) ?? START_OF_STREAM;
    const reason = linkProblem(tip, event);
    if (!reason) {
      this.tips.set(event.streamName, { revision: event.revision, hash: event.hash });
      return undefined;
    }
    const found = { streamName: event.streamName, brokenAtRevision: tip.revision + 1, reason, eventId: event.id };
    this.breaks.set(event.streamName, found);
    this.tips.delete(event.streamName);
    return found;
  }

  get eventsChecked(): number {
    return this.checked;
  }

  get streamsSeen(): number {
    return this.tips.size + this.breaks.size;
  }

  brokenStreams(): ChainBreak[] {
    return [...this.breaks.values()];
  }

  /** The verdict for one stream after all its events were checked; undefined if none was seen. */
  verdict(stream: StreamName): StreamVerdict | undefined {
    const broken = this.breaks.get(stream);
    if (broken) return { ok: false, brokenAtRevision: broken.brokenAtRevision, reason: broken.reason };
    const tip = this.tips.get(stream);
    return tip ? { ok: true, revision: tip.revision } : undefined;
  }
}

/** One whole stream, oldest first (as readStream returns it). */
export function verifyStream(events: readonly RecordedEvent[]): StreamVerdict | undefined {
  const tracker = new StreamChainTracker();
  for (const event of events) tracker.check(event);
  return events[0] && tracker.verdict(events[0].streamName);
}
