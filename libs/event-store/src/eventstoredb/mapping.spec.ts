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

    test('other errors pass through unchanged', () => {
      const denied = Object.assign(new Error('denied'), { type: 'access-denied' });
      expect(mapAppendError(denied, 'complaint-1', 'any')).toBe(denied);
    });
  });

  describe('positions', () => {
    test('round trip commit and prepare', () => {
      const position = { commit: 18446744073709551000n, prepare: 18446744073709551000n };
      expect(decodePosition(encodePosition(position))).toEqual(position);
      expect(() => decodePosition('12/4')).toThrow(TypeError);
    });

    test('compare numerically, commit first, START before all', () => {
      expect(compareEsdbPositions('9:9', '10:10')).toBe(-1);
      expect(compareEsdbPositions('10:12', '10:11')).toBe(1);
      expect(compareEsdbPositions('10:11', '10:11')).toBe(0);
      expect(compareEsdbPositions(START, '0:0')).toBe(-1);
      expect(compareEsdbPositions('0:0', START)).toBe(1);
      expect(compareEsdbPositions(START, START)).toBe(0);
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
      expect(() => fromRecorded({ ...base, metadata: { foo: 1 } })).toThrow(/not written by this application/);
      const event = chained();
      const metadata = toEventData(event, { appendId: event.id, appendSize: 1 }).metadata;
      expect(() => fromRecorded({ ...base, metadata, position: undefined })).toThrow(/no position/);
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
