import { canonicalJson } from './canonical-json.js';
import { chainHash, contentDigest, digestOfCanonical, GENESIS_HASH, verifyChain } from './hash-chain.js';
import type { RecordedEvent } from './port.js';

const recordedAt = new Date('2024-05-01T10:00:00.123Z');
const base = {
  streamName: 'complaint-1',
  id: '6f1c2c1e-8a4b-4f7e-9d0a-0b1c2d3e4f50',
  type: 'ComplaintReceived',
  schemaVersion: 1,
  data: { b: [3, { y: 'ü', x: null }], a: 1.5 },
  metadata: { actor: { id: 'u', role: 'agent' }, correlationId: 'c', causationId: 'k' },
  recordedAt,
};

describe('canonicalJson', () => {
  test('sorts keys recursively, keeps array order, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });

  test('normalises like JSON: undefined members dropped, undefined in arrays null, Dates via toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: recordedAt, d: -0 })).toBe(
      '{"b":[null],"c":"2024-05-01T10:00:00.123Z","d":0}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });

  test('is stable across key order and a JSON round trip (unicode, numbers, nesting)', () => {
    const value = { z: '日本語 🚀 "q" \\ \n', n: [0.1 + 0.2, 1e21, -5, 123456789.125], o: { y: { x: true } } };
    const reordered = { o: { y: { x: true } }, n: value.n, z: value.z };
    expect(canonicalJson(reordered)).toBe(canonicalJson(value));
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  test('sorts names that objects list in numeric order (array indexes) and __proto__ as text too', () => {
    expect(canonicalJson({ 9: 'a', 10: 'b', x: { 2: 1, 10: 2, b: [{ 1: 0, 0: 1 }] } })).toBe(
      '{"10":"b","9":"a","x":{"10":2,"2":1,"b":[{"0":1,"1":0}]}}',
    );
    expect(canonicalJson(JSON.parse('{"z":1,"__proto__":{"b":2,"a":1}}'))).toBe('{"__proto__":{"a":1,"b":2},"z":1}');
  });

  test('writes exactly what a plain recursive sort-then-write does, for 2,000 random nested values', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 2000; round += 1) {
      const value = randomJson(random, 4);
      expect(canonicalJson(value)).toBe(referenceCanonical(value) ?? 'null');
    }
  });

  test('leaves the value it is given untouched', () => {
    const value = { b: { d: 1, c: [{ f: 1, e: recordedAt }] }, a: 2 };
    const before = JSON.stringify(value);
    canonicalJson(value);
    expect(JSON.stringify(value)).toBe(before);
    expect(Object.keys(value)).toEqual(['b', 'a']);
  });
});

/** The definition, written the slow obvious way. */
function referenceCanonical(input: unknown): string | undefined {
  const json = input as { toJSON?: () => unknown } | null;
  const value = typeof json === 'object' && json !== null && typeof json.toJSON === 'function' ? json.toJSON() : input;
  if (value === undefined || typeof value === 'function') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => referenceCanonical(item) ?? 'null').join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .flatMap((name) => {
      const member = referenceCanonical(record[name]);
      return member === undefined ? [] : [`${JSON.stringify(name)}:${member}`];
    });
  return `{${members.join(',')}}`;
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const NAMES = ['a', 'b', 'Z', 'é', 'data', 'id', '0', '7', '10', '01', '-1', '1.5', ''];
const LEAVES: unknown[] = [null, true, false, 0, -0, 1.5, 1e21, 'text', 'ü "q" \\ \n', undefined, recordedAt];

function randomJson(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const kind = depth === 0 ? 0 : Math.floor(random() * 3);
  if (kind === 0) return pick(LEAVES);
  const size = Math.floor(random() * 5);
  if (kind === 1) return Array.from({ length: size }, () => randomJson(random, depth - 1));
  const record: Record<string, unknown> = {};
  for (let member = 0; member < size; member += 1) record[pick(NAMES)] = randomJson(random, depth - 1);
  return record;
}

describe('hash chain', () => {
  test('digest does not depend on key order and matches the pre-serialised form', () => {
    const reordered = { ...base, data: { a: 1.5, b: [3, { x: null, y: 'ü' }] } };
    expect(contentDigest(reordered)).toBe(contentDigest(base));
    expect(digestOfCanonical(base, canonicalJson(base.data), canonicalJson(base.metadata))).toBe(contentDigest(base));
    expect(contentDigest({ ...base, data: { a: 1.6, b: base.data.b } })).not.toBe(contentDigest(base));
  });

  test('the link is sha256 of prev:revision:digest', () => {
    expect(chainHash(GENESIS_HASH, 0, 'ab')).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, 0, 'ab')).not.toBe(chainHash(GENESIS_HASH, 1, 'ab'));
  });

  test('verifyChain accepts a proper chain and names the first broken revision', () => {
    const chain: RecordedEvent[] = [];
    let previousHash = GENESIS_HASH;
    for (let revision = 0; revision < 4; revision += 1) {
      const event = { ...base, data: { revision }, revision, position: String(revision + 1) };
      const hash = chainHash(previousHash, revision, contentDigest(event));
      chain.push({ ...event, previousHash, hash });
      previousHash = hash;
    }
    expect(verifyChain(chain)).toEqual({ ok: true });
    expect(verifyChain(chain.map((e) => (e.revision === 2 ? { ...e, type: 'Other' } : e)))).toEqual({
      ok: false,
      brokenAtRevision: 2,
    });
    expect(verifyChain(chain.filter((e) => e.revision !== 1))).toEqual({ ok: false, brokenAtRevision: 2 });
    expect(verifyChain([])).toEqual({ ok: true });
  });
});
