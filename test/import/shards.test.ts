/**
 * Shards of one file imported side by side (as n processes would run them, here n imports at once
 * on one database): together they write what one import writes, every complaint once, and each
 * bad record is reported by exactly one of them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cfpbProfile,
  type ImportReport,
  importCsv,
  planCfpbRecord,
  replayHistory,
} from '../../libs/import/src/index.js';
import { csvLine, eventCount, type ImportDatabase, importDatabase, sampleRecords } from './support.js';

const { header, rows } = sampleRecords();
const GOOD = rows.slice(0, 300);
/** After which good records a bad one (a field missing) is added. */
const BAD_AFTER = [4, 57, 58, 199];

let dir: string;
let path: string;
/** Physical lines (1-based, the header is line 1) where the bad records start. */
let badLines: number[];
let db: ImportDatabase;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-shards-'));
  path = join(dir, 'shards.csv');
  const lines = [csvLine(header)];
  badLines = [];
  GOOD.forEach((row, index) => {
    lines.push(csvLine(header.map((column) => row[column]!)));
    if (BAD_AFTER.includes(index)) {
      badLines.push(lines.join('\n').split('\n').length + 1); // records may span several physical lines
      lines.push(csvLine(header.slice(1).map((column) => row[column]!)));
    }
  });
  await writeFile(path, `${lines.join('\n')}\n`);
  db = await importDatabase();
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const shardsOf = (count: number) => Array.from({ length: count }, (_, index) => ({ index, count }));
const total = (reports: ImportReport[], pick: (report: ImportReport) => number) =>
  reports.reduce((sum, report) => sum + pick(report), 0);

test('three shards run at once import every good record once and report each bad one once, by line', async () => {
  const reports = await Promise.all(
    shardsOf(3).map((shard) => importCsv({ store: db.store, profile: cfpbProfile, path, shard, batchSize: 20 })),
  );
  expect(reports.map((report) => report.records)).toEqual([102, 101, 101]);
  expect(total(reports, (report) => report.imported)).toBe(GOOD.length);
  expect(total(reports, (report) => report.alreadyPresent)).toBe(0);
  const rejected = reports.flatMap((report) => report.rejections.map((rejection) => rejection.line));
  expect(rejected.sort((a, b) => a - b)).toEqual(badLines);
  const expectedEvents = GOOD.reduce((sum, row) => {
    const source = { line: 0, get: (column: string) => row[column] ?? '' };
    return sum + replayHistory('cfpb', planCfpbRecord(source)).events.length;
  }, 0);
  expect(total(reports, (report) => report.events)).toBe(expectedEvents);
  expect(await eventCount(db.store)).toBe(expectedEvents);
});

test('the whole file imported afterwards finds every complaint there, however the shards split it', async () => {
  const again = await importCsv({ store: db.store, profile: cfpbProfile, path });
  expect(again).toMatchObject({ imported: 0, alreadyPresent: GOOD.length, rejected: BAD_AFTER.length, events: 0 });
  const twoShards = await Promise.all(
    shardsOf(2).map((shard) => importCsv({ store: db.store, profile: cfpbProfile, path, shard })),
  );
  expect(total(twoShards, (report) => report.alreadyPresent)).toBe(GOOD.length);
  expect(total(twoShards, (report) => report.imported)).toBe(0);
});

test('a progress file is trusted by the same shard of the same split only', async () => {
  const progressFile = { path: join(dir, 'shard.progress.json'), target: 'test' };
  const failing = Object.create(db.store, {
    appendNewStreams: { value: () => Promise.reject(new Error('connection lost')) },
  });
  // Shard 1/2 stops at its first write, having read (and passed over) the records before it.
  const shard = { index: 1, count: 2 };
  const options = { profile: cfpbProfile, path, progressFile, batchSize: 50 };
  await expect(importCsv({ ...options, store: failing, shard })).rejects.toThrow('connection lost');
  const otherSplit = await importCsv({ ...options, store: db.store, shard: { index: 1, count: 3 } });
  expect(otherSplit.resumedAfterLine).toBe(0);
  await expect(importCsv({ ...options, store: failing, shard })).rejects.toThrow('connection lost');
  const sameShard = await importCsv({ ...options, store: db.store, shard });
  expect(sameShard.resumedAfterLine).toBeGreaterThan(0);
  expect(sameShard.records).toBe(152);
});
