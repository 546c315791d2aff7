/** What the demo tells its user to open, each link checked to answer 200 first. */
import { DEFAULT_TEAMS } from '#domain';
import type { ImportReport } from '#import';

export interface DemoLink {
  label: string;
  url: string;
  /** It answered 200 when the demo checked it. */
  ok: boolean;
}

const POLL_MS = 500;
const DAY_MS = 86_400_000;
/** The analytics routes accept periods of up to ~10 years. */
const MAX_PERIOD_DAYS = 3650;

/**
 * Until every projection has applied every event (GET /health/ready lists their lag); the
 * analytics and queues are only worth showing once they hold the whole import.
 */
export async function waitForProjections(apiUrl: string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let behind: number | undefined;
  while (Date.now() < deadline) {
    behind = await eventsBehind(apiUrl);
    if (behind === 0) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the projections did not catch up within ${timeoutMs / 1000} s (${behind ?? '?'} events behind)`);
}

/** Summed over the projections; undefined when the API cannot tell yet. */
async function eventsBehind(apiUrl: string): Promise<number | undefined> {
  const response = await fetch(`${apiUrl}/health/ready`).catch(() => undefined);
  const body = (await response?.json().catch(() => undefined)) as
    { projections?: { eventsBehind: number }[]; details?: { projections?: { eventsBehind: number }[] } } | undefined;
  const projections = body?.projections ?? body?.details?.projections;
  if (!projections || projections.length === 0) return undefined;
  return projections.reduce((sum, projection) => sum + projection.eventsBehind, 0);
}

/** Checks the links with `token` (a bearer token for the routes that need one). */
export async function demoLinks(
  apiUrl: string,
  projectorMetricsUrl: string,
  report: ImportReport,
  token: string,
): Promise<DemoLink[]> {
  const authorization = { authorization: `Bearer ${token}` };
  const period = periodOf(report);
  const candidates: Omit<DemoLink, 'ok'>[] = [
    { label: 'OpenAPI (every route, try it out)', url: `${apiUrl}/docs` },
    { label: 'Complaints, newest first', url: `${apiUrl}/complaints?limit=20` },
    ...(await queueLinks(apiUrl, authorization)),
    {
      label: 'Root causes by category, per month',
      url: `${apiUrl}/analytics/causes?${period}&by=category&bucket=month`,
    },
    { label: 'Pareto of subcategories', url: `${apiUrl}/analytics/pareto?${period}&by=subcategory` },
    { label: 'Trends per month, by channel', url: `${apiUrl}/analytics/trends?${period}&bucket=month&by=channel` },
    { label: 'Resolution times and reopen rate, by team', url: `${apiUrl}/analytics/resolution?${period}&by=team` },
    { label: 'SLA compliance by team, per month', url: `${apiUrl}/sla/compliance?groupBy=team&period=month&${period}` },
    { label: 'Readiness (database, event store, projection lag)', url: `${apiUrl}/health/ready` },
    { label: 'API metrics (Prometheus)', url: `${apiUrl}/metrics` },
    { label: 'Projector metrics (Prometheus)', url: `${projectorMetricsUrl}/metrics` },
  ];
  return Promise.all(candidates.map(async (link) => ({ ...link, ok: await answers(link.url, authorization) })));
}

/** The teams whose queues hold imported complaints still open, and one owner's queue. */
async function queueLinks(apiUrl: string, headers: Record<string, string>): Promise<Omit<DemoLink, 'ok'>[]> {
  const links: Omit<DemoLink, 'ok'>[] = [];
  let owner: string | undefined;
  for (const team of DEFAULT_TEAMS) {
    const url = `${apiUrl}/queues/teams/${team}`;
    const page = (await (await fetch(`${url}?limit=1`, { headers })).json()) as {
      items?: { ownerId: string | null }[];
    };
    const first = page.items?.[0];
    if (!first) continue;
    links.push({ label: `Queue of the ${team} team`, url });
    owner ??= first.ownerId ?? undefined;
  }
  if (owner) links.push({ label: `Queue of one owner (${owner})`, url: `${apiUrl}/queues/agents/${owner}` });
  return links;
}

/** The months the imported complaints were received in (at most ~10 years: the latest ones). */
function periodOf(report: ImportReport): string {
  const now = new Date().toISOString();
  const span = report.receivedBetween ?? { first: now, last: now };
  const monthStart = (date: Date, add = 0) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + add, 1));
  const to = monthStart(new Date(span.last), 1);
  const earliest = new Date(to.getTime() - MAX_PERIOD_DAYS * DAY_MS);
  const first = new Date(span.first);
  const from = first < earliest ? monthStart(earliest, 1) : monthStart(first);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return `from=${day(from)}&to=${day(to)}`;
}

/** The body is read to its end: an abandoned response keeps its connection busy and holds up the API's close. */
async function answers(url: string, headers: Record<string, string>): Promise<boolean> {
  const response = await fetch(url, { headers }).catch(() => undefined);
  await response?.text().catch(() => undefined);
  return response?.status === 200;
}
