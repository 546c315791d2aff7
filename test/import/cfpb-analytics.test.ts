/**
 * After importing the CFPB sample and projecting it, the analysts' endpoints (GET /analytics/…,
 * GET /sla/compliance) answer what counts taken straight from the CSV say: complaints by product
 * and month, by channel, by issue (through the documented table), by team; the outcomes; the relief
 * offered; and the resolve target met on time, late or missed as "Timely response?" and the dates tell.
 */
import { defaultTeamFor } from '#domain';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { CFPB_FALLBACK, cfpbProfile, classifyIssue, importCsv } from '../../libs/import/src/index.js';
import { allProjections, rebuildProjection } from '../../libs/read-models/src/index.js';
import { httpClient, startTestApi, type TestApi } from '../support/api.js';
import { analyst } from '../support/complaint-requests.js';
import { countBy, SAMPLE, sampleRecords } from './support.js';

const { rows } = sampleRecords();
const PERIOD = 'from=2015-01-01&to=2021-01-01';
const DAY_MS = 86_400_000;
let api: TestApi;
let http: ReturnType<typeof httpClient>;

beforeAll(async () => {
  api = await startTestApi();
  http = httpClient(api.url, analyst);
  const store = new PostgresEventStore({ connectionString: api.database.url, poolSize: 8 });
  try {
    const report = await importCsv({ store, profile: cfpbProfile, path: SAMPLE, writers: 8 });
    expect(report.imported).toBe(6623);
    for (const projection of allProjections) await rebuildProjection({ store, pool: store.pool, projection });
  } finally {
    await store.close();
  }
}, 300_000);
afterAll(() => api?.close());

async function get(path: string) {
  const answer = await http.get(path);
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** { "bucket|key": complaints } from a causes answer. */
async function causes(query: string): Promise<Record<string, number>> {
  const body = await get(`/analytics/causes?${PERIOD}&${query}`);
  const rowsOf = body.rows as { bucket: string | null; key: string | null; complaints: number }[];
  return Object.fromEntries(rowsOf.map((row) => [`${row.bucket ?? ''}|${row.key ?? ''}`, row.complaints]));
}

const classification = (issue: string) => classifyIssue(issue) ?? CFPB_FALLBACK;
const CHANNEL: Record<string, string> = {
  Web: 'web_form',
  Referral: 'regulator_referral',
  Phone: 'phone',
  'Postal mail': 'postal_mail',
  Fax: 'fax',
  Email: 'email',
};

describe('the analytics of the imported CFPB sample', () => {
  test('complaints by product and month of receipt match the CSV', async () => {
    expect(await causes('by=product&bucket=month')).toEqual(
      countBy(rows, (r) => `${r['Date received']!.slice(0, 7)}-01|${r.Product}`),
    );
  });

  test('complaints by channel, by issue (as subcategory) and by team match the CSV', async () => {
    expect(await causes('by=channel')).toEqual(countBy(rows, (r) => `|${CHANNEL[r['Submitted via']!]}`));
    expect(await causes('by=subcategory')).toEqual(countBy(rows, (r) => `|${classification(r.Issue!).subcategory}`));
    expect(await causes('by=team')).toEqual(
      countBy(rows, (r) => `|${defaultTeamFor(classification(r.Issue!).category)}`),
    );
  });

  test('outcomes: concluded, resolved, reopened after a dispute; relief offered by kind', async () => {
    const response = countBy(rows, (r) => r['Company response to consumer']!);
    const [resolution] = (await get(`/analytics/resolution?${PERIOD}`)).rows;
    const closedWithAnswer = rows.filter((r) => r['Company response to consumer']!.startsWith('Closed')).length;
    const disputed = rows.filter((r) => r['Consumer disputed?'] === 'Yes').length;
    expect(resolution).toMatchObject({
      complaints: 6623,
      concluded: 6623 - response['In progress']!,
      everResolved: closedWithAnswer,
      reopened: disputed,
      resolved: closedWithAnswer - disputed,
    });
    const compensation = (await get(`/analytics/compensation?${PERIOD}`)).rows as Record<string, unknown>[];
    expect(
      compensation.map(({ kind, currency, compensations, offered }) => ({ kind, currency, compensations, offered })),
    ).toEqual(
      expect.arrayContaining([
        { kind: 'refund', currency: 'USD', compensations: response['Closed with monetary relief'], offered: 0 },
        {
          kind: 'extra_service',
          currency: 'USD',
          compensations: response['Closed with non-monetary relief'],
          offered: 0,
        },
      ]),
    );
    expect(compensation).toHaveLength(2);
  });

  test('SLA compliance of the resolve target: on time, late or missed as the CSV says', async () => {
    const expected = { metOnTime: 0, metLate: 0, missed: 0 };
    for (const row of rows) {
      const response = row['Company response to consumer']!;
      if (response === 'In progress') continue;
      const received = Date.parse(row['Date received']!);
      const sent = Date.parse(row['Date sent to company']!);
      const answered = row['Timely response?'] === 'Yes' ? sent : sent + 15 * DAY_MS;
      if (response === 'Untimely response') expected.missed++;
      else if (answered - received < 15 * DAY_MS) expected.metOnTime++;
      else expected.metLate++;
    }
    const report = await get(`/sla/compliance?groupBy=priority&period=month&${PERIOD}`);
    const total = { metOnTime: 0, metLate: 0, missed: 0 };
    for (const bucket of report.buckets as { targets: { resolve: typeof total } }[]) {
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += bucket.targets.resolve[key];
    }
    expect(total).toEqual(expected);
  });
});
