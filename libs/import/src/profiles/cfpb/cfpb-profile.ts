/**
 * The `cfpb` profile: a CFPB Consumer Complaint Database export, each record replayed as the
 * complaint it would have been here. The export has days, not times, and no response date, so the
 * timeline is built from what it does say (README.md next to this file explains every choice):
 *
 *   received (Date received)     ReceiveComplaint, CategorizeComplaint (low × individual → P4)
 *   sent (Date sent to company)  AcknowledgeComplaint, AssignComplaint (default team, the company as owner)
 *                                — the owner id is the company's name as a slug, a valid actor id
 *   due (received + P4 resolve)  RecordSlaBreach(resolve) — only when "Timely response?" is No
 *   answered                     timely: at `sent`; untimely: at `sent` + 15 days, the CFPB's deadline
 *     closed with relief         OfferCompensation (refund | extra_service, amount unknown: 0 USD)
 *     Closed…                    ResolveComplaint (summary = the company's response), then
 *                                CloseComplaint, or — disputed — the dispute and ReopenComplaint
 *     Untimely response          CloseComplaint (no_response)
 *     In progress                nothing more: still open
 */
import { type Actor, DEFAULT_SLA_TARGETS, defaultTeamFor, derivePriority, type Impact, type Severity } from '#domain';
import {
  type HistoryPlan,
  type ImportProfile,
  type PlannedCommand,
  type PlannedStep,
  RowRejectedError,
  type SourceRow,
} from '../../profile.js';
import {
  CHANNEL_OF,
  COLUMNS,
  type CompanyResponse,
  DISPUTED_OF,
  PRODUCTS,
  RESPONSE_OF,
  YES_NO,
} from './cfpb-columns.js';
import { DAY_MS, parseCfpbDay } from './cfpb-dates.js';
import { type Classification, classifyIssue, FALLBACK } from './cfpb-taxonomy.js';

/** The product's own process does the replay; the metadata names the profile and the source record. */
export const IMPORT_ACTOR: Actor = { id: 'system:import', role: 'system' };

/** The CFPB holds every company to the same rule, which is our P4 (low severity, one consumer). */
const SEVERITY: Severity = 'low';
const IMPACT: Impact = 'individual';
/** A company has 15 calendar days from the day the CFPB sends it a complaint to respond. */
const RESPONSE_DAYS = 15;
/** The API's limits (apps/api dto/limits.ts), so an imported complaint reads like one taken in there. */
const SUBJECT_MAX = 200;
const TEXT_MAX = 10_000;
const REFERENCE_MAX = 128;

export const cfpbProfile: ImportProfile = {
  name: 'cfpb',
  columns: Object.values(COLUMNS),
  plan: planCfpbRecord,
};

interface CfpbRecord {
  sourceId: string;
  received: Date;
  sent: Date;
  product: string;
  issue: string;
  classification: Classification;
  fallback: boolean;
  response: CompanyResponse;
  responseText: string;
  timely: boolean;
  disputed: boolean;
  owner: string;
}

export function planCfpbRecord(row: SourceRow): HistoryPlan {
  const record = readRecord(row);
  const steps = [...intake(row, record), ...routing(record), ...breach(record), ...outcome(row, record)];
  // A complaint sent on after its due time is breached before it is acknowledged: order by time.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  const notes = record.fallback
    ? [`issue "${record.issue}" is not in the cfpb table: ${FALLBACK.category}/${FALLBACK.subcategory}`]
    : [];
  return { sourceId: record.sourceId, steps, notes };
}

function readRecord(row: SourceRow): CfpbRecord {
  const sourceId = row.get(COLUMNS.complaintId).trim();
  if (!/^\d{1,18}$/.test(sourceId))
    reject('INVALID_VALUE', `"${COLUMNS.complaintId}" is not a complaint number: "${sourceId}"`);
  const received = parseCfpbDay(row.get(COLUMNS.received), COLUMNS.received);
  const sent = parseCfpbDay(row.get(COLUMNS.sent), COLUMNS.sent);
  if (sent < received) reject('DATES_OUT_OF_ORDER', `"${COLUMNS.sent}" is before "${COLUMNS.received}"`);
  const product = row.get(COLUMNS.product).trim();
  if (!PRODUCTS.has(product)) reject('UNKNOWN_PRODUCT', `unknown product "${product}"`);
  const issue = required(row, COLUMNS.issue);
  const known = classifyIssue(issue);
  const responseText = row.get(COLUMNS.companyResponse).trim();
  return {
    sourceId,
    received,
    sent,
    product,
    issue,
    classification: known ?? FALLBACK,
    fallback: known === undefined,
    response: lookup(RESPONSE_OF, responseText, COLUMNS.companyResponse, 'UNKNOWN_RESPONSE'),
    responseText,
    timely: lookup(YES_NO, row.get(COLUMNS.timely).trim(), COLUMNS.timely, 'INVALID_VALUE'),
    disputed: lookup(DISPUTED_OF, row.get(COLUMNS.disputed).trim(), COLUMNS.disputed, 'INVALID_VALUE'),
    owner: ownerIdOf(required(row, COLUMNS.company)),
  };
}

function intake(row: SourceRow, record: CfpbRecord): PlannedStep[] {
  const channel = lookup(CHANNEL_OF, row.get(COLUMNS.submittedVia).trim(), COLUMNS.submittedVia, 'UNKNOWN_CHANNEL');
  const subIssue = row.get(COLUMNS.subIssue).trim();
  const subject = clip(subIssue ? `${record.issue} — ${subIssue}` : record.issue, SUBJECT_MAX);
  const receive: PlannedCommand = {
    type: 'ReceiveComplaint',
    data: {
      channel,
      // The export is de-identified: each complaint stands for a consumer of its own.
      customer: { id: `cfpb-consumer-${record.sourceId}`, name: 'CFPB consumer' },
      subject,
      description: clip(row.get(COLUMNS.narrative).trim() || summaryOf(row, subject), TEXT_MAX),
      productRef: clip(record.product, REFERENCE_MAX),
      intensity: 'passive',
      purpose: 'criticism',
    },
  };
  const { category, subcategory } = record.classification;
  const categorize: PlannedCommand = {
    type: 'CategorizeComplaint',
    data: { category, subcategory, severity: SEVERITY, impact: IMPACT },
  };
  return [step(record.received, receive), step(record.received, categorize)];
}

/** Without a narrative (the consumer did not consent to publish it) the description says what is known. */
function summaryOf(row: SourceRow, subject: string): string {
  const subProduct = row.get(COLUMNS.subProduct).trim();
  const product = row.get(COLUMNS.product).trim();
  return `${product}${subProduct ? ` (${subProduct})` : ''}: ${subject}. No narrative was published.`;
}

function routing(record: CfpbRecord): PlannedStep[] {
  const message = 'Sent to the company by the CFPB';
  return [
    step(record.sent, { type: 'AcknowledgeComplaint', data: { how: 'web_form', message } }),
    step(record.sent, {
      type: 'AssignComplaint',
      data: { team: defaultTeamFor(record.classification.category), ownerId: record.owner },
    }),
  ];
}

/** "Timely response? No": the resolve clock ran out, recorded when it did, as the SLA monitor would have. */
function breach(record: CfpbRecord): PlannedStep[] {
  if (record.timely) return [];
  const priority = derivePriority({
    severity: SEVERITY,
    impact: IMPACT,
    subcategory: record.classification.subcategory,
  });
  const dueAt = new Date(record.received.getTime() + DEFAULT_SLA_TARGETS[priority].resolve * 60_000);
  return [step(dueAt, { type: 'RecordSlaBreach', data: { target: 'resolve', dueAt: dueAt.toISOString() } })];
}

function outcome(row: SourceRow, record: CfpbRecord): PlannedStep[] {
  const { response } = record;
  if (response.outcome === 'in_progress') return [];
  // The export has no response date: a timely answer is placed on the day the company got the
  // complaint, a late one at the CFPB's deadline — the earliest instants the record allows.
  const at = record.timely ? record.sent : new Date(record.sent.getTime() + RESPONSE_DAYS * DAY_MS);
  if (response.outcome === 'untimely')
    return [step(at, { type: 'CloseComplaint', data: { closureCode: 'no_response' } })];
  const steps: PlannedStep[] = [];
  if (response.relief) {
    const offer = { compensationId: 'cfpb-relief', kind: response.relief, amount: 0, currency: 'USD' };
    steps.push(step(at, { type: 'OfferCompensation', data: offer }));
  }
  const publicResponse = clip(row.get(COLUMNS.publicResponse).trim(), TEXT_MAX);
  steps.push(
    step(at, {
      type: 'ResolveComplaint',
      data: { summary: record.responseText, planSteps: publicResponse ? [publicResponse] : [] },
    }),
  );
  if (!record.disputed) return [...steps, step(at, { type: 'CloseComplaint', data: {} })];
  const comment = "The consumer disputed the company's response with the CFPB";
  return [
    ...steps,
    step(at, { type: 'RecordCustomerResponse', data: { outcome: 'disputed', satisfaction: 1, comment } }),
    step(at, { type: 'ReopenComplaint', data: { reason: comment } }),
  ];
}

/**
 * The company answers for the complaint, so it is the owner. Owner ids are actor ids (letters, digits,
 * `.@:_-`, at most 128), which queues take in their paths: "Experian Information Solutions Inc." is
 * `experian-information-solutions-inc`.
 */
export function ownerIdOf(company: string): string {
  const slug = company
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // é → e: the accent is a combining mark after NFKD
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, REFERENCE_MAX)
    .replace(/-+$/, '');
  return slug || 'unnamed-company';
}

function step(at: Date, command: PlannedCommand): PlannedStep {
  return { at, actor: IMPORT_ACTOR, command };
}

function required(row: SourceRow, column: string): string {
  const value = row.get(column).trim();
  if (value === '') reject('MISSING_VALUE', `"${column}" is empty`);
  return value;
}

function lookup<T>(table: Readonly<Record<string, T>>, value: string, column: string, code: string): T {
  if (!Object.hasOwn(table, value)) reject(code, `unknown "${column}" value "${value}"`);
  return table[value]!;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function reject(code: string, reason: string): never {
  throw new RowRejectedError(code, reason);
}
