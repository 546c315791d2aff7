import { emptyImportReport, type ImportReport } from '#import';
import { mergeReports, progressToParent, type ShardMessage } from './import-shards.js';

const report = (overrides: Partial<ImportReport>): ImportReport => ({
  ...emptyImportReport('cfpb', 'job'),
  ...overrides,
});

test('the shards reports read as one import: counts added, codes and notes merged, rejections in file order', () => {
  const merged = mergeReports(
    [
      report({
        job: 'a',
        records: 5,
        imported: 4,
        rejected: 1,
        events: 24,
        rejections: [{ line: 9, endLine: 9, code: 'INVALID_DATE', reason: 'x' }],
        rejectedByCode: { INVALID_DATE: 1 },
        notes: { fallback: 2 },
        receivedBetween: { first: '2019-03-01T00:00:00.000Z', last: '2020-01-01T00:00:00.000Z' },
      }),
      report({
        job: 'b',
        records: 4,
        imported: 2,
        alreadyPresent: 1,
        rejected: 1,
        events: 12,
        rejections: [{ line: 4, endLine: 5, code: 'UNKNOWN_PRODUCT', reason: 'y' }],
        rejectedByCode: { UNKNOWN_PRODUCT: 1 },
        notes: { fallback: 1 },
        receivedBetween: { first: '2018-12-31T00:00:00.000Z', last: '2019-06-01T00:00:00.000Z' },
      }),
      report({ job: 'c' }),
    ],
    1500,
  );
  expect(merged).toMatchObject({ job: 'a,b,c', records: 9, imported: 6, alreadyPresent: 1, rejected: 2, events: 36 });
  expect(merged.rejections.map((rejection) => rejection.line)).toEqual([4, 9]);
  expect(merged.rejectedByCode).toEqual({ INVALID_DATE: 1, UNKNOWN_PRODUCT: 1 });
  expect(merged.notes).toEqual({ fallback: 3 });
  expect(merged.receivedBetween).toEqual({ first: '2018-12-31T00:00:00.000Z', last: '2020-01-01T00:00:00.000Z' });
  expect(merged.elapsedMs).toBe(1500);
});

test('progress goes to the parent at most once an interval, and the last count always', () => {
  const sent: ShardMessage[] = [];
  const progress = progressToParent((message) => sent.push(message), 60_000);
  for (let record = 0; record < 500; record += 1) progress.tick();
  progress.done();
  expect(sent).toEqual([
    { kind: 'progress', records: 1 },
    { kind: 'progress', records: 500 },
  ]);
});
