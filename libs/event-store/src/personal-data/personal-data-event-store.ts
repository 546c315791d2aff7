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
import type { CustomerKeys, KeyForReading } from './customer-keys.js';
import {
  type DataKey,
  envelopeKeyId,
  EnvelopeError,
  ERASED_VALUE,
  openValue,
  sealValue,
  UNREADABLE_VALUE,
} from './envelope.js';
import { copyAlong, replaceAt, valueAt } from './field-paths.js';

/** Where one stored (type, schema version) keeps its customer's reference and personal fields. */
export interface PersonalDataLocation {
  customerIdPath: string;
  fields: readonly string[];
}

/** Undefined when events of this type and stored version hold no personal data. */
export type PersonalDataLocator = (type: string, schemaVersion: number) => PersonalDataLocation | undefined;

/**
 * How reads treat sealed values: `open` decrypts them (or shows ERASED_VALUE once the key is gone);
 * `sealed` leaves them as stored, for readers that never need personal data (projections): they
 * then cannot store it, and need no key.
 */
export type PersonalDataReads = 'open' | 'sealed';

/**
 * Crypto-shredding around a store. Appends seal every personal field with the customer's key
 * BEFORE the wrapped store hashes the event, so the hash chain covers the ciphertext and keeps
 * verifying after the key is erased. Reads open them again; a value whose key was erased reads as
 * ERASED_VALUE, one that cannot be opened as UNREADABLE_VALUE — a read never fails because of it.
 * Values stored in clear (before sealing existed, or imported so) are read as they are.
 *
 * Verification, export, import and copies work on the wrapped store (`sealed`): ciphertext as stored.
 */
export class PersonalDataEventStore implements EventStore {
  /** Present exactly when the wrapped store has it: the batch's customer keys in one lookup, then sealed. */
  readonly appendNewStreams?: (streams: readonly NewStream[]) => Promise<NewStreamOutcome[]>;

  constructor(
    /** The store as written: ciphertext, which verify, export, import and copy work on. */
    readonly sealed: EventStore,
    private readonly keys: CustomerKeys,
    private readonly locate: PersonalDataLocator,
    private readonly reads: PersonalDataReads = 'open',
  ) {
    if (sealed.appendNewStreams) this.appendNewStreams = (streams) => this.sealNewStreams(streams);
  }

  async append(stream: StreamName, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const sealed: NewEvent[] = [];
    for (const event of events) sealed.push(await this.seal(event));
    return this.sealed.append(stream, sealed, expected);
  }

  async readStream(stream: StreamName, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.sealed.readStream(stream, options));
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllResult> {
    const page = await this.sealed.readAll(options);
    return { ...page, events: await this.open(page.events) };
  }

  async *subscribeAll(options?: SubscribeOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.sealed.subscribeAll(options)) {
      const [opened] = await this.open([event]);
      yield opened!;
    }
  }

  headPosition(): Promise<Position> {
    return this.sealed.headPosition();
  }

  committedHeadPosition(): Promise<Position> {
    const store = this.sealed;
    return store.committedHeadPosition ? store.committedHeadPosition() : store.headPosition();
  }

  comparePositions(a: Position, b: Position): number {
    return this.sealed.comparePositions(a, b);
  }

  close(): Promise<void> {
    return this.sealed.close();
  }

  private async sealNewStreams(streams: readonly NewStream[]): Promise<NewStreamOutcome[]> {
    const keys = await this.writingKeysOf(streams.flatMap(({ events }) => events));
    const keyFor = async (customerId: string) => keys.get(customerId) ?? this.keys.keyForWriting(customerId);
    const sealed: NewStream[] = [];
    for (const { stream, events } of streams) {
      const sealedEvents: NewEvent[] = [];
      for (const event of events) sealedEvents.push(await this.seal(event, keyFor));
      sealed.push({ stream, events: sealedEvents });
    }
    return this.sealed.appendNewStreams!(sealed);
  }

  /** The keys of every customer the events name, created where missing: one lookup where the keys allow it. */
  private async writingKeysOf(events: readonly NewEvent[]): Promise<ReadonlyMap<string, DataKey>> {
    const customers = new Set<string>();
    for (const event of events) {
      const location = this.locate(event.type, event.schemaVersion);
      const customerId = location && valueAt(event.data, location.customerIdPath);
      if (typeof customerId === 'string' && customerId !== '') customers.add(customerId);
    }
    if (customers.size === 0 || !this.keys.keysForWriting) return new Map();
    return this.keys.keysForWriting([...customers]);
  }

  private async seal(
    event: NewEvent,
    keyFor: (customerId: string) => Promise<DataKey> = (customerId) => this.keys.keyForWriting(customerId),
  ): Promise<NewEvent> {
    const location = this.locate(event.type, event.schemaVersion);
    if (!location) return event;
    const customerId = valueAt(event.data, location.customerIdPath);
    if (typeof customerId !== 'string' || customerId === '') {
      // Storing it in clear would make it impossible to forget: refuse the append instead.
      throw new TypeError(`${event.type} carries personal data without a customer id at ${location.customerIdPath}`);
    }
    const key = await keyFor(customerId);
    const data = copyAlong(event.data, location.fields);
    for (const field of location.fields) {
      const value = valueAt(data, field);
      if (value !== undefined) replaceAt(data, field, sealValue(value, key, { customerId, field }));
    }
    return { ...event, data };
  }

  /** One key lookup for the whole batch; events without sealed values come back as they are. */
  private async open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    if (this.reads === 'sealed') return events;
    const sealedFields = events.map((event) => this.sealedFieldsOf(event));
    const keyIds = [...new Set(sealedFields.flatMap((fields) => fields.map((field) => field.keyId)))];
    if (keyIds.length === 0) return events;
    const keys = await this.keys.keysForReading(keyIds);
    return events.map((event, index) => {
      const fields = sealedFields[index]!;
      if (fields.length === 0) return event;
      const location = this.locate(event.type, event.schemaVersion)!;
      const customerId = valueAt(event.data, location.customerIdPath);
      const data = copyAlong(event.data, location.fields);
      for (const { field, keyId } of fields) {
        replaceAt(data, field, readable(valueAt(data, field) as string, keys.get(keyId), customerId, field));
      }
      return { ...event, data };
    });
  }

  private sealedFieldsOf(event: RecordedEvent): { field: string; keyId: string }[] {
    const location = this.locate(event.type, event.schemaVersion);
    if (!location) return [];
    return location.fields.flatMap((field) => {
      const keyId = envelopeKeyId(valueAt(event.data, field));
      return keyId === undefined ? [] : [{ field, keyId }];
    });
  }
}

function readable(envelope: string, key: KeyForReading | undefined, customerId: unknown, field: string): unknown {
  if (key === 'erased') return ERASED_VALUE;
  if (key === undefined || typeof customerId !== 'string') return UNREADABLE_VALUE;
  try {
    return openValue(envelope, key, { customerId, field });
  } catch (error) {
    if (error instanceof EnvelopeError || error instanceof SyntaxError) return UNREADABLE_VALUE;
    throw error;
  }
}
