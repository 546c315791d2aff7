import { timeOrderedUuid } from './time-ordered-uuid.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('is a version 7 UUID of the RFC 9562 variant whose first 48 bits are the time in milliseconds', () => {
  const id = timeOrderedUuid(Date.UTC(2026, 11, 6, 15, 30));
  expect(id).toMatch(UUID_V7);
  expect(Number.parseInt(id.replace('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 11, 6, 15, 30));
});

test('ids of later milliseconds sort after earlier ones as text, the byte order PostgreSQL compares uuids in', () => {
  const ids = [0, 1, 255, 256, 65_536, Date.now()].map((ms) => timeOrderedUuid(ms));
  expect([...ids].sort()).toEqual(ids);
});

test('ids of the same millisecond still differ', () => {
  const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(42)));
  expect(ids.size).toBe(10_000);
});
