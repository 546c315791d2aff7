import { canonicalJson } from '../canonical-json.js';
import { digestOfCanonical } from '../hash-chain.js';
import type { NewEvent, StreamName } from '../port.js';

/** An event ready to be written: its body in canonical form and its content digest for the chain. */
export interface PreparedEvent {
  event: NewEvent;
  /** Canonical JSON, sent as the jsonb value too, so each is serialised once. */
  data: string;
  metadata: string;
  digest: string;
}

/** What every write path (append, a batch of new streams) computes once per event. */
export function preparedEvent(stream: StreamName, event: NewEvent, recordedAt: Date): PreparedEvent {
  const data = canonicalJson(event.data ?? null);
  const metadata = canonicalJson(event.metadata);
  const content = { ...event, id: event.id.toLowerCase(), streamName: stream, recordedAt };
  return { event, data, metadata, digest: digestOfCanonical(content, data, metadata) };
}
