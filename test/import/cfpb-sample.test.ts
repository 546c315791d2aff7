/**
 * The whole CFPB sample through `importCsv` into a real PostgreSQL store: every record is accepted,
 * and what the imported streams say — by product, issue, channel, outcome and month — matches counts
 * taken straight from the CSV here.
 */
import { EVENT_SCHEMA_VERSION, eventSchema, EVENT_ENVELOPE_SCHEMA, type ComplaintEventType } from '#domain';
import type { RecordedEvent } from '../../libs/event-store/src/index.js';
import { createEventSchemaValidator } from '../../libs/domain/src/testing/event-schema-validator.js';
import { cfpbProfile, type ImportReport, importCsv, importedComplaintId } from '../../libs/import/src/index.js';
import {
  allEvents,
  countBy,
  eventCount,
  type ImportDatabase,
  importDatabase,
  SAMPLE,
  sampleRecords,
} from './support.js';

const { rows } = sampleRecords();
let db: ImportDatabase;
let report: ImportReport;
/** Every imported complaint's events, by complaint id. */
let streams: Map<string, RecordedEvent[]>;

beforeAll(async () => {
  db = await importDatabase();
  report = await importCsv({ store: db.store, profile: cfpbProfile, path: SAMPLE, writers: 8 });
  streams = new Map();
  for (const event of await allEvents(db.store)) {
    const id = (event.data as { complaintId: string }).complaintId;
    streams.set(id, [...(streams.get(id) ?? []), event]);
  }
}, 120_000);
afterAll(() => db.close());

const dataOf = (events: RecordedEvent[], type: ComplaintEventType) =>
  events.find((event) => event.type === type)?.data as Record<string, unknown> | undefined;
const received = (events: RecordedEvent[]) => dataOf(events, 'ComplaintReceived')!;

/** The outcome a stream tells: the resolution's summary, an unanswered closure, or still open. */
function outcomeOf(events: RecordedEvent[]): string {
  const resolved = dataOf(events, 'ComplaintResolved');
  if (resolved) return String(resolved.summary);
  return dataOf(events, 'ComplaintClosed')?.closureCode === 'no_response' ? 'Untimely response' : 'In progress';
}

describe('importing the CFPB sample', () => {
  test('accepts every record of the sample: 6,623 complaints, none rejected', async () => {
    expect(rows).toHaveLength(6623);
    expect(report).toMatchObject({ profile: 'cfpb', records: 6623, imported: 6623, alreadyPresent: 0, rejected: 0 });
    expect(report.rejections).toEqual([]);
    const days = rows.map((r) => r['Date received']!).sort();
    expect(report.receivedBetween).toEqual({
      first: `${days[0]}T12:00:00.000Z`,
      last: `${days.at(-1)}T12:00:00.000Z`,
    });
    expect(streams.size).toBe(6623);
    expect(await eventCount(db.store)).toBe(report.events);
    for (const row of rows) expect(streams.has(importedComplaintId('cfpb', row['Complaint ID']!))).toBe(true);
  });

  test('counts by product, issue, channel and month of receipt match the CSV', () => {
    const histories = [...streams.values()];
    const channelOf: Record<string, string> = {
      Web: 'web_form',
      Referral: 'regulator_referral',
      Phone: 'phone',
      'Postal mail': 'postal_mail',
      Fax: 'fax',
      Email: 'email',
    };
    expect(countBy(histories, (h) => String(received(h).productRef))).toEqual(countBy(rows, (r) => r.Product!));
    expect(countBy(histories, (h) => String(received(h).subject).split(' — ')[0]!)).toEqual(
      countBy(rows, (r) => r.Issue!),
    );
    expect(countBy(histories, (h) => String(received(h).channel))).toEqual(
      countBy(rows, (r) => channelOf[r['Submitted via']!]!),
    );
    expect(countBy(histories, (h) => String(received(h).receivedAt).slice(0, 7))).toEqual(
      countBy(rows, (r) => r['Date received']!.slice(0, 7)),
    );
  });

  test('outcomes, relief, disputes and untimely answers match the CSV', () => {
    const histories = [...streams.values()];
    expect(countBy(histories, outcomeOf)).toEqual(countBy(rows, (r) => r['Company response to consumer']!));
    const kinds = countBy(
      histories.flatMap((h) => h.filter((e) => e.type === 'CompensationOffered')),
      (e) => String((e.data as { kind: string }).kind),
    );
    const responses = countBy(rows, (r) => r['Company response to consumer']!);
    expect(kinds).toEqual({
      refund: responses['Closed with monetary relief'],
      extra_service: responses['Closed with non-monetary relief'],
    });
    const reopened = histories.filter((h) => dataOf(h, 'ComplaintReopened')).length;
    expect(reopened).toBe(rows.filter((r) => r['Consumer disputed?'] === 'Yes').length);
    const breached = histories.filter((h) => dataOf(h, 'SlaBreached'));
    expect(breached).toHaveLength(rows.filter((r) => r['Timely response?'] === 'No').length);
    for (const history of breached) {
      const due = Date.parse(String(received(history).receivedAt)) + 15 * 24 * 3600_000;
      expect(dataOf(history, 'SlaBreached')).toMatchObject({ target: 'resolve', dueAt: new Date(due).toISOString() });
    }
  });

  test('the events carry the historical instants of the record, not the time of the import', () => {
    const first = rows[0]!; // 2020-03-18, sent the same day, closed with explanation
    const history = streams.get(importedComplaintId('cfpb', first['Complaint ID']!))!;
    expect(history.map((e) => e.type)).toEqual([
      'ComplaintReceived',
      'ComplaintCategorized',
      'ComplaintAcknowledged',
      'ComplaintAssigned',
      'ComplaintResolved',
      'ComplaintClosed',
    ]);
    expect(received(history).receivedAt).toBe(`${first['Date received']}T12:00:00.000Z`);
    expect(dataOf(history, 'ComplaintClosed')!.closedAt).toBe(`${first['Date sent to company']}T12:00:00.000Z`);
    expect(history[0]!.recordedAt.getTime()).toBeGreaterThan(Date.parse('2024-01-01'));
    // The import run is the job every event belongs to.
    expect(new Set(history.map((e) => e.metadata.correlationId))).toEqual(new Set([report.job]));
  });

  test('every stored event conforms to the published schema of its type', () => {
    const validator = createEventSchemaValidator();
    const problems: string[] = [];
    for (const event of [...streams.values()].flat()) {
      // As the feed delivers it: the stored event without its hash-chain fields.
      const { hash: _hash, previousHash: _previous, ...delivered } = event;
      const envelope = { ...delivered, recordedAt: event.recordedAt.toISOString() };
      const schema = eventSchema(event.type, EVENT_SCHEMA_VERSION[event.type as ComplaintEventType])!;
      for (const problem of [
        ...validator.problems(schema, envelope),
        ...validator.problems(EVENT_ENVELOPE_SCHEMA, envelope),
      ])
        problems.push(`${event.type} ${event.id}: ${problem}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  test('a second import of the same file adds no event and reports every complaint as already there', async () => {
    const before = await eventCount(db.store);
    const again = await importCsv({ store: db.store, profile: cfpbProfile, path: SAMPLE, writers: 8 });
    expect(again).toMatchObject({ records: 6623, imported: 0, alreadyPresent: 6623, rejected: 0, events: 0 });
    expect(await eventCount(db.store)).toBe(before);
  }, 120_000);
});
