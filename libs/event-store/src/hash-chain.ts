import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { RecordedEvent, StreamName } from './port.js';

/** The "previous hash" of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The parts of an event the chain protects: everything the writer supplied, plus where and when. */
export interface HashedContent {
  streamName: StreamName;
  id: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: Date;
}

// One-shot hashing: about a third cheaper than createHash() per call, and appends call it per event.
const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/** sha256 (hex) of the event's canonical JSON. Computed in Node, so the store never parses JSON to hash it. */
export function contentDigest(event: HashedContent): string {
  return digestOfCanonical(event, canonicalJson(event.data ?? null), canonicalJson(event.metadata ?? null));
}

/**
 * The same digest from data and metadata already in canonical form, so that an adapter can send those
 * strings to the store as they are instead of serialising them twice. The members below are in
 * sorted key order, which makes the result exactly canonicalJson({ streamName, id, ... }).
 */
export function digestOfCanonical(event: HashedContent, canonicalData: string, canonicalMetadata: string): string {
  const json =
    `{"data":${canonicalData},"id":${JSON.stringify(event.id)},"metadata":${canonicalMetadata},` +
    `"recordedAt":${JSON.stringify(event.recordedAt.toISOString())},"schemaVersion":${canonicalJson(event.schemaVersion)},` +
    `"streamName":${JSON.stringify(event.streamName)},"type":${JSON.stringify(event.type)}}`;
  return sha256Hex(json);
}

/**
 * One link of the chain. Kept to a plain `prev:rev:digest` string so that PostgreSQL can compute the
 * same value inside the append statement (encode(sha256(convert_to(..., 'UTF8')), 'hex')), where the
 * previous hash and the revision are known without another round trip.
 */
export function chainHash(previousHash: string, revision: number, digest: string): string {
  return sha256Hex(`${previousHash}:${revision}:${digest}`);
}

export type ChainVerification = { ok: true } | { ok: false; brokenAtRevision: number };

/**
 * Checks a whole stream, read from revision 0 in order: each event links to its predecessor and its
 * hash matches its content. Reports the first revision where that fails.
 */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  let previousHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const expectedHash = chainHash(previousHash, event.revision, contentDigest(event));
    if (event.revision !== index || event.previousHash !== previousHash || event.hash !== expectedHash) {
      return { ok: false, brokenAtRevision: event.revision };
    }
    previousHash = event.hash;
  }
  return { ok: true };
}
