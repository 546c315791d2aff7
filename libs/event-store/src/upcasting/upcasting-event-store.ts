import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  NewStream,
  NewStreamOutcome,
  Position,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamName,
  SubscribeOptions,
} from '../port.js';

/**
 * Lifts a stored event to the shape readers expect today. It may change `type`, `schemaVersion` and
 * `data`; everything else (ids, revision, position, recordedAt, metadata, the hashes) must be kept.
 */
export type EventUpcaster = (event: RecordedEvent) => RecordedEvent;

/**
 * The read view of a store with upcasters applied: every event a reader gets is at its current
 * schema version, whatever version was stored. Writes go to the wrapped store unchanged.
 *
 * The hash fields are passed through as stored, so they describe the STORED bytes, not the upcast
 * data: verifying the chain, exporting and copying must use the wrapped (raw) store.
 * Feed filters apply to the stored type strings, which is why an upcaster must not rename a type
 * (DESIGN.md: a stored type string is never renamed).
 */
export class UpcastingEventStore implements EventStore {
  /** Present exactly when the wrapped store has it (a caller without it appends stream by stream). */
  readonly appendNewStreams?: (streams: readonly NewStream[]) => Promise<NewStreamOutcome[]>;

  constructor(
    /** The store as written: what verify, export, import and copy work on. */
    readonly raw: EventStore,
    private readonly upcaster: EventUpcaster,
  ) {
    if (raw.appendNewStreams) this.appendNewStreams = (streams) => raw.appendNewStreams!(streams);
  }

  append(stream: StreamName, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.raw.append(stream, events, expected);
  }

  async readStream(stream: StreamName, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.raw.readStream(stream, options)).map(this.lift);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const page = await this.raw.readAll(options);
    return { ...page, events: page.events.map(this.lift) };
  }

  async *subscribeAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.raw.subscribeAll(options)) yield this.lift(event);
  }

  headPosition(): Promise<Position> {
    return this.raw.headPosition();
  }

  committedHeadPosition(): Promise<Position> {
    return this.raw.committedHeadPosition ? this.raw.committedHeadPosition() : this.raw.headPosition();
  }

  comparePositions(a: Position, b: Position): number {
    return this.raw.comparePositions(a, b);
  }

  close(): Promise<void> {
    return this.raw.close();
  }

  /** Only the fields an upcaster may change are taken from its answer. */
  private readonly lift = (event: RecordedEvent): RecordedEvent => {
    const lifted = this.upcaster(event);
    if (lifted === event) return event;
    return { ...event, type: lifted.type, schemaVersion: lifted.schemaVersion, data: lifted.data };
  };
}
