/**
 * A file built from the CFPB sample with bad rows injected at known lines: the good records are
 * imported, each bad one is reported with its line number and reason, and an interrupted import is
 * finished by running it again.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, NewStream } from '../../libs/event-store/src/index.js';
import {
  cfpbProfile,
  importCsv,
  importedComplaintId,
  planCfpbRecord,
  type Rejection,
  replayHistory,
} from '../../libs/import/src/index.js';
import { csvLine, eventCount, type ImportDatabase, importDatabase, sampleRecords } from './support.js';

const { header, rows } = sampleRecords();
const GOOD = rows.slice(0, 120);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'import-bad-rows-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Row = Record<string, string>;
const fieldsOf = (row: Row) => header.map((column) => row[column]!);

/** Bad rows, each injected after the good record of the same index, and what the import must say. */
const INJECTED: { after: number; line: (row: Row) => string; code: string; reason: string }[] = [
  {
    after: 3,
    line: (row) => csvLine(fieldsOf(row).slice(0, -1)),
    code: 'WRONG_FIELD_COUNT',
    reason: 'expected 18 fields, found 17',
  },
  {
    after: 10,
    line: (row) => csvLine(fieldsOf({ ...row, 'Date received': '2019-13-45' })),
    code: 'INVALID_DATE',
    reason: '"Date received" is not a date: "2019-13-45"',
  },
  {
    after: 25,
    line: (row) => csvLine(fieldsOf({ ...row, Product: 'Spaceship loan' })),
    code: 'UNKNOWN_PRODUCT',
    reason: 'unknown product "Spaceship loan"',
  },
  {
    after: 40,
    line: (row) => csvLine(fieldsOf(row)).replace(row['Company response to consumer']!, '"Closed with "explanation'),
    code: 'MALFORMED_CSV',
    reason: 'text after a closing quote',
  },
  {
    after: 55,
    line: (row) => csvLine(fieldsOf({ ...row, Issue: 'Charged for a 5 screen' })).replace('a 5 screen', 'a 5" screen'),
    code: 'MALFORMED_CSV',
    reason: 'a quote inside an unquoted field',
  },
  {
    after: 70,
    line: (row) => csvLine(fieldsOf({ ...row, 'Submitted via': 'Carrier pigeon' })),
    code: 'UNKNOWN_CHANNEL',
    reason: 'unknown "Submitted via" value "Carrier pigeon"',
  },
  {
    after: 85,
    line: (row) => csvLine(fieldsOf({ ...row, 'Date sent to company': '2001-01-01' })),
    code: 'DATES_OUT_OF_ORDER',
    reason: '"Date sent to company" is before "Date received"',
  },
];

/** Writes the file; returns the rejections the import must report, in file order. */
async function fileWithBadRows(path: string): Promise<Pick<Rejection, 'line' | 'code' | 'reason'>[]> {
  const lines = [csvLine(header)];
  const expected: Pick<Rejection, 'line' | 'code' | 'reason'>[] = [];
  const physicalLine = () => lines.join('\n').split('\n').length + 1;
  GOOD.forEach((row, index) => {
    lines.push(csvLine(fieldsOf(row)));
    for (const bad of INJECTED.filter((each) => each.after === index)) {
      // Made from another record of the sample, with an id of its own so that it cannot collide.
      const source = { ...rows[500 + index]!, 'Complaint ID': String(9_000_000 + index) };
      expected.push({ line: physicalLine(), code: bad.code, reason: bad.reason });
      lines.push(bad.line(source));
    }
    if (index === 60) lines.push(''); // a blank line is no record
  });
  await writeFile(path, `${lines.join('\n')}\n`);
  return expected;
}

async function streamsOf(db: ImportDatabase): Promise<number> {
  const { rows: found } = await db.store.pool.query<{ n: number }>(
    'SELECT count(DISTINCT stream_name)::int AS n FROM events',
  );
  return found[0]!.n;
}

describe('a file with bad rows', () => {
  let db: ImportDatabase;
  beforeAll(async () => {
    db = await importDatabase();
  });
  afterAll(() => db.close());

  test('imports every good record and reports each bad one with its line number and reason', async () => {
    const path = join(dir, 'bad-rows.csv');
    const expected = await fileWithBadRows(path);
    const streamed: Rejection[] = [];
    const report = await importCsv({
      store: db.store,
      profile: cfpbProfile,
      path,
      writers: 4,
      onRejected: (r) => streamed.push(r),
    });
    expect(report.rejections.map(({ line, code, reason }) => ({ line, code, reason }))).toEqual(expected);
    expect(streamed).toEqual(report.rejections);
    expect(report).toMatchObject({ records: GOOD.length + INJECTED.length, imported: GOOD.length, rejected: 7 });
    expect(report.rejectedByCode).toEqual({
      WRONG_FIELD_COUNT: 1,
      INVALID_DATE: 1,
      UNKNOWN_PRODUCT: 1,
      MALFORMED_CSV: 2,
      UNKNOWN_CHANNEL: 1,
      DATES_OUT_OF_ORDER: 1,
    });
    // Records read after a bad one, a multi-line one included, are all there.
    for (const row of GOOD) {
      const events = await db.store.readStream(`complaint-${importedComplaintId('cfpb', row['Complaint ID']!)}`);
      expect(events.length).toBeGreaterThan(0);
    }
    expect(await streamsOf(db)).toBe(GOOD.length);
  });
});

/** How the import writes: batches of new streams (small ones here), or one append per complaint. */
const MODES = [
  { name: 'in batches of new streams', batches: true, options: { batchSize: 10 } },
  { name: 'stream by stream (a store without appendNewStreams)', batches: false, options: {} },
];

/**
 * The store, failing every write after the first `working` complaints as a lost connection would;
 * counts the complaints it was asked to write. Without `batches` it has no appendNewStreams.
 */
function failingAfter(
  store: EventStore,
  working: number,
  batches: boolean,
): { store: EventStore; appends: () => number } {
  let appends = 0;
  const failing: EventStore = Object.create(store, {
    append: {
      value: (...args: Parameters<EventStore['append']>) => {
        if (++appends > working) return Promise.reject(new Error('connection lost'));
        return store.append(...args);
      },
    },
    appendNewStreams: {
      value: batches
        ? (streams: NewStream[]) => {
            appends += streams.length;
            if (appends > working) return Promise.reject(new Error('connection lost'));
            return store.appendNewStreams!(streams);
          }
        : undefined,
    },
  });
  return { store: failing, appends: () => appends };
}

describe.each(MODES)('an interrupted import, $name', ({ batches, options }) => {
  const plain = (db: ImportDatabase) => failingAfter(db.store, Infinity, batches).store;

  test('is finished by running it again: no complaint twice, none missing', async () => {
    const db = await importDatabase();
    try {
      const path = join(dir, 'good.csv');
      await writeFile(path, `${[header, ...GOOD.map(fieldsOf)].map(csvLine).join('\r\n')}\r\n`);
      const failing = failingAfter(db.store, 40, batches).store;
      await expect(importCsv({ store: failing, profile: cfpbProfile, path, writers: 4, ...options })).rejects.toThrow(
        'connection lost',
      );
      const partial = await streamsOf(db);
      expect(partial).toBe(40);

      const resumed = await importCsv({ store: plain(db), profile: cfpbProfile, path, writers: 4, ...options });
      expect(resumed).toMatchObject({ imported: GOOD.length - partial, alreadyPresent: partial, rejected: 0 });
      expect(await streamsOf(db)).toBe(GOOD.length);
      const expectedEvents = GOOD.reduce((sum, row) => {
        const source = { line: 0, get: (column: string) => row[column] ?? '' };
        return sum + replayHistory('cfpb', planCfpbRecord(source)).events.length;
      }, 0);
      expect(await eventCount(db.store)).toBe(expectedEvents);
    } finally {
      await db.close();
    }
  });

  test('with a progress file, resumes after the last finished record without asking the store about earlier ones', async () => {
    const db = await importDatabase();
    try {
      const path = join(dir, 'resume.csv');
      await writeFile(path, `${[header, ...GOOD.map(fieldsOf)].map(csvLine).join('\n')}\n`);
      const progressFile = { path: join(dir, 'resume.progress.json'), target: db.database.url };
      const interrupted = failingAfter(db.store, 50, batches);
      await expect(
        importCsv({ store: interrupted.store, profile: cfpbProfile, path, writers: 4, progressFile, ...options }),
      ).rejects.toThrow('connection lost');
      const saved = JSON.parse(await readFile(progressFile.path, 'utf8')) as { doneThroughLine: number };
      expect(saved.doneThroughLine).toBeGreaterThan(1);

      const resumed = failingAfter(db.store, Infinity, batches);
      const report = await importCsv({
        store: resumed.store,
        profile: cfpbProfile,
        path,
        writers: 4,
        progressFile,
        ...options,
      });
      expect(report.resumedAfterLine).toBe(saved.doneThroughLine);
      expect(report.resumed).toBeGreaterThan(0);
      expect(report.resumed + report.imported + report.alreadyPresent).toBe(GOOD.length);
      expect(resumed.appends()).toBe(GOOD.length - report.resumed); // the resumed ones were not asked about
      expect(report.imported).toBe(GOOD.length - 50);
      expect(await streamsOf(db)).toBe(GOOD.length);
      // Finished: nothing left to resume, so a later run checks every complaint again.
      await expect(readFile(progressFile.path)).rejects.toThrow('ENOENT');
      const again = await importCsv({
        store: plain(db),
        profile: cfpbProfile,
        path,
        writers: 4,
        progressFile,
        ...options,
      });
      expect(again).toMatchObject({ resumed: 0, imported: 0, alreadyPresent: GOOD.length });
    } finally {
      await db.close();
    }
  });

  test('a progress file of another target or of a changed file is not trusted', async () => {
    const db = await importDatabase();
    try {
      const path = join(dir, 'untrusted.csv');
      const lines = [header, ...GOOD.slice(0, 20).map(fieldsOf)].map(csvLine);
      const progressFile = { path: join(dir, 'untrusted.progress.json'), target: db.database.url };
      const interrupt = async () => {
        const failing = failingAfter(db.store, 10, batches).store;
        await expect(
          importCsv({ store: failing, profile: cfpbProfile, path, writers: 1, progressFile, ...options }),
        ).rejects.toThrow('connection lost');
      };
      await writeFile(path, `${lines.join('\n')}\n`);
      await interrupt();
      const otherTarget = { ...progressFile, target: 'postgres://elsewhere/complaints' };
      const elsewhere = await importCsv({
        store: plain(db),
        profile: cfpbProfile,
        path,
        writers: 1,
        progressFile: otherTarget,
        ...options,
      });
      expect(elsewhere).toMatchObject({ resumed: 0, imported: 10, alreadyPresent: 10 });

      await writeFile(path, `${lines.slice(0, 15).join('\n')}\n`);
      await interrupt();
      await writeFile(path, `${[...lines, csvLine(fieldsOf(rows[300]!))].join('\n')}\n`); // the file changed
      const changed = await importCsv({
        store: plain(db),
        profile: cfpbProfile,
        path,
        writers: 1,
        progressFile,
        ...options,
      });
      expect(changed).toMatchObject({ resumed: 0, imported: 1, alreadyPresent: 20 });
    } finally {
      await db.close();
    }
  });
});

describe('a record repeated in the file', () => {
  test.each(MODES)('is imported once, $name; the repeat counts as already there', async ({ batches, options }) => {
    const db = await importDatabase();
    try {
      const path = join(dir, `repeated-${String(batches)}.csv`);
      const records = GOOD.slice(0, 30).map(fieldsOf);
      // One repeat right after its first appearance (the same batch), one much later.
      const lines = [header, ...records.slice(0, 6), records[5]!, ...records.slice(6), records[2]!];
      await writeFile(path, `${lines.map(csvLine).join('\n')}\n`);
      const store = failingAfter(db.store, Infinity, batches).store;
      const report = await importCsv({ store, profile: cfpbProfile, path, writers: 2, ...options });
      expect(report).toMatchObject({ records: 32, imported: 30, alreadyPresent: 2, rejected: 0 });
      expect(await streamsOf(db)).toBe(30);
    } finally {
      await db.close();
    }
  });
});
