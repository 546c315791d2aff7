import { chainHash, contentDigest, GENESIS_HASH } from '../hash-chain.js';
import { START, WrongExpectedRevisionError } from '../port.js';
import {
  actualRevision,
  type ChainedEvent,
  compareEsdbPositions,
  decodePosition,
  encodePosition,
  fromRecorded,
  mapAppendError,
  mapExpectedRevision,
  matchesFeed,
  sentExpectedRevision,
  serverFilter,
  toEventData,
} from './mapping.js';

const chained = (): ChainedEvent => {
  const content = {
    streamName: 'complaint-1',
    id: '0b6f3a52-51c3-4c37-9d7a-3b2f4d1c0a11',
    type: 'ComplaintReceived',
    schemaVersion: 2,
    data: { subject: 'Kettle', amount: 59.9 },
    metadata: {
      actor: { id: 'agent-7', role: 'agent' },
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      hash: 'writer-owned',
    },
    recordedAt: new Date('2024-05-01T10:00:00.123Z'),
  };
  return {
    ...content,
    revision: 0,
    previousHash: GENESIS_HASH,
    hash: chainHash(GENESIS_HASH, 0, contentDigest(content)),
  };
};

describe('EventStoreDB mapping', () => {
  describe('expected revision', () => {
    test('maps one to one', () => {
      expect(mapExpectedRevision('no_stream')).toBe('no_stream');
      expect(mapExpectedRevision('any')).toBe('any');
      expect(mapExpectedRevision('stream_exists')).toBe('stream_exists');
      expect(mapExpectedRevision(0)).toBe(0n);
      expect(mapExpectedRevision(41)).toBe(41n);
    });

    test('any and stream_exists are sent as the exact tail the chain was computed from', () => {
      expect(sentExpectedRevision('any', -1)).toBe('no_stream');
      expect(sentExpectedRevision('any', 4)).toBe(4n);
      expect(sentExpectedRevision('stream_exists', 4)).toBe(4n);
      expect(sentExpectedRevision(4, 4)).toBe(4n);
      expect(sentExpectedRevision('no_stream', -1)).toBe('no_stream');
    });

    test("the server's current revision becomes the port's actual revision", () => {
      expect(actualRevision('no_stream')).toBe(-1);
      expect(actualRevision(undefined)).toBe(-1);
      expect(actualRevision(7n)).toBe(7);
    });
  });

  describe('errors', () => {
    test('WrongExpectedVersion becomes WrongExpectedRevisionError with the actual revision', () => {
      const server = Object.assign(new Error('wrong expected version'), {
        type: 'wrong-expected-version',
        actualVersion: 3n,
      });
      const mapped = mapAppendError(server, 'complaint-1', 1);
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ stream: 'complaint-1', expected: 1, actual: 3 });
      const missing = Object.assign(new Error('x'), { type: 'wrong-expected-version', actualVersion: 'no_stream' });
      expect(mapAppendError(missing, 'complaint-1', 0)).toMatchObject({ actual: -1 });
    });

    test('a lost no_stream race keeps the expectation and names the stream and both revisions', () => {
      const server = Object.assign(new Error('x'), { type: 'wrong-expected-version', actualVersion: 0n });
      const mapped = mapAppendError(server, 'complaint-7', 'no_stream') as WrongExpectedRevisionError;
      expect(mapped).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', expected: 'no_stream', actual: 0 });
      expect(mapped.message).toBe('Stream complaint-7: expected revision no_stream, actual 0');
      const unknown = Object.assign(new Error('x'), { type: 'wrong-expected-version' });
      expect(mapAppendError(unknown, 'complaint-7', 3)).toMatchObject({ expected: 3, actual: -1 });
    });

    test('values that are not client errors pass through too', () => {
      expect(mapAppendError(null, 'complaint-1', 'any')).toBeNull();
      expect(mapAppendError(undefined, 'complaint-1', 'any')).toBeUndefined();
      expect(mapAppendError('boom', 'complaint-1', 'any')).toBe('boom');
      const timeout = Object.assign(new Error('t'), { type: 'deadline-exceeded' });
      expect(mapAppendError(timeout, 'complaint-1', 'any')).toBe(timeout);
    });

    test('other errors pass through unchanged', () => {
      const denied = Object.assign(new Error('denied'), { type: 'access-denied' });
      expect(mapAppendError(denied, 'complaint-1', 'any')).toBe(denied);
    });
  });

  describe('positions', () => {
    test('round trip commit and prepare', () => {
      const position = { commit: 18446744073709551000n, prepare: 18446744073709551000n };
      expect(decodePosition(encodePosition(position))).toEqual(position);
      for (const bad of ['12/4', '', 'start', '-1:0', '1:2:3', '1:', 'a:b']) {
        expect(() => decodePosition(bad)).toThrow(`Not an EventStoreDB position: ${bad}`);
      }
    });

    test('compare numerically, commit first, START before all', () => {
      expect(compareEsdbPositions('9:9', '10:10')).toBe(-1);
      expect(compareEsdbPositions('10:12', '10:11')).toBe(1);
      expect(compareEsdbPositions('10:11', '10:11')).toBe(0);
      expect(compareEsdbPositions(START, '0:0')).toBe(-1);
      expect(compareEsdbPositions('0:0', START)).toBe(1);
      expect(compareEsdbPositions(START, START)).toBe(0);
      // Beyond 2^53: compared as bigints, not as (rounded) numbers.
      expect(compareEsdbPositions('9007199254740993:0', '9007199254740992:0')).toBe(1);
    });
  });

  describe('metadata', () => {
    test('our id is the event id; the writer metadata is kept whole beside the store envelope', () => {
      const event = chained();
      const data = toEventData(event, { appendId: event.id, appendSize: 1 });
      expect(data).toMatchObject({
        id: event.id,
        type: 'ComplaintReceived',
        contentType: 'application/json',
        data: event.data,
      });
      expect(data.metadata.$correlationId).toBe('corr-1');
      expect(data.metadata.$causationId).toBe('cmd-1');
      expect(data.metadata.metadata).toEqual(event.metadata);
      expect(data.metadata.store).toEqual({
        v: 1,
        schemaVersion: 2,
        recordedAt: '2024-05-01T10:00:00.123Z',
        previousHash: GENESIS_HASH,
        hash: event.hash,
        appendId: event.id,
        appendSize: 1,
      });
    });

    test('a written event reads back as the same recorded event, hash intact', () => {
      const event = chained();
      const written = JSON.parse(JSON.stringify(toEventData(event, { appendId: event.id, appendSize: 1 })));
      const raw = {
        streamId: 'complaint-1',
        id: event.id,
        revision: 0n,
        type: event.type,
        isJson: true,
        ...written,
        position: { commit: 5n, prepare: 4n },
      };
      const read = fromRecorded(raw);
      expect(read).toEqual({ ...event, position: '5:4', appendId: event.id, appendSize: 1 });
      expect(chainHash(GENESIS_HASH, 0, contentDigest(read))).toBe(event.hash);
    });

    test("the writer's own keys, even `store` or `$`-prefixed ones, cannot overwrite the envelope", () => {
      const event = chained();
      event.metadata = { ...event.metadata, store: 'mine', $correlationId: 'spoofed' };
      const written = toEventData(event, { appendId: event.id, appendSize: 1 });
      expect(written.metadata.store.hash).toBe(event.hash);
      expect(written.metadata.$correlationId).toBe('corr-1');
      expect(written.metadata.metadata).toEqual(event.metadata);
    });

    test('an event without data is written as JSON null', () => {
      const event = { ...chained(), data: undefined };
      expect(toEventData(event, { appendId: event.id, appendSize: 1 }).data).toBeNull();
    });

    test('revisions and positions read back as numbers and `<commit>:<prepare>`, append bookkeeping kept', () => {
      const event = { ...chained(), revision: 4_294_967_301 };
      const written = toEventData(event, { appendId: 'first-id', appendSize: 3 });
      const read = fromRecorded({
        streamId: 'complaint-1',
        id: event.id,
        revision: 4_294_967_301n,
        type: event.type,
        isJson: true,
        data: written.data,
        metadata: written.metadata,
        position: { commit: 2n ** 40n, prepare: 2n ** 40n - 1n },
      });
      expect(read).toMatchObject({ revision: 4_294_967_301, position: '1099511627776:1099511627775' });
      expect(read).toMatchObject({ appendId: 'first-id', appendSize: 3, schemaVersion: 2 });
      expect(read.recordedAt.toISOString()).toBe('2024-05-01T10:00:00.123Z');
    });

    test('an event without our envelope, or without a position, is refused with a clear error', () => {
      const base = {
        streamId: 'complaint-1',
        id: 'x',
        revision: 0n,
        type: 'T',
        isJson: true,
        data: {},
        position: { commit: 1n, prepare: 1n },
      };
      expect(() => fromRecorded({ ...base, metadata: { foo: 1 } })).toThrow(
        'Event x in complaint-1 was not written by this application (no store envelope)',
      );
      expect(() => fromRecorded({ ...base, metadata: undefined })).toThrow(/not written by this application/);
      const ourMetadata = toEventData(chained(), { appendId: 'x', appendSize: 1 }).metadata;
      expect(() => fromRecorded({ ...base, isJson: false, metadata: ourMetadata })).toThrow(
        /not written by this application/,
      );
      const event = chained();
      const metadata = toEventData(event, { appendId: event.id, appendSize: 1 }).metadata;
      expect(() => fromRecorded({ ...base, metadata, position: undefined })).toThrow(/no position/);
      // What servers before 22.10 put in the position of an event read from its stream.
      const none = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
      expect(() => fromRecorded({ ...base, metadata, position: none })).toThrow(
        'Event x: the server sent no position (EventStoreDB 22.10 or later is required)',
      );
    });
  });

  describe('feed filter', () => {
    test('the server filters by stream prefix when given, else by event type, else excludes system events', () => {
      expect(serverFilter({ streamPrefixes: ['complaint-'], eventTypes: ['A'] })).toEqual({
        kind: 'stream-prefixes',
        prefixes: ['complaint-'],
      });
      expect(serverFilter({ eventTypes: ['A.b', 'C'] })).toEqual({ kind: 'event-type-regex', regex: '^(?:A\\.b|C)$' });
      expect(serverFilter(undefined)).toEqual({ kind: 'exclude-system' });
    });

    test('the client applies the whole filter again and never lets system events through', () => {
      const filter = { streamPrefixes: ['complaint-'], eventTypes: ['A'] };
      expect(matchesFeed({ streamName: 'complaint-1', type: 'A' }, filter)).toBe(true);
      expect(matchesFeed({ streamName: 'complaint-1', type: 'B' }, filter)).toBe(false);
      expect(matchesFeed({ streamName: 'other-1', type: 'A' }, filter)).toBe(false);
      expect(matchesFeed({ streamName: '$ce-complaint', type: 'A' }, undefined)).toBe(false);
      expect(matchesFeed({ streamName: 'complaint-1', type: '$metadata' }, undefined)).toBe(false);
      expect(matchesFeed({ streamName: 'complaint-1', type: 'A' }, undefined)).toBe(true);
    });
  });
});
