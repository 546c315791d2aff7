import type { ComplaintEvent, ComplaintEventType, EventOfType } from '#domain';
import type { SummaryRow } from './summary-row.js';

/**
 * The summary's evolve: the row after one more event. Mirrors the domain's status rules (see
 * libs/domain/src/complaint/evolve.ts; a test folds random histories through both and compares),
 * but keeps only what the list shows. Pure; `at` is the event's recordedAt.
 */
export function foldSummary(
  row: SummaryRow | undefined,
  event: ComplaintEvent,
  revision: number,
  at: string,
): SummaryRow | undefined {
  if (event.type === 'ComplaintReceived') return { ...received(event), updatedAt: at, lastRevision: revision };
  // An event of a complaint whose intake this row never saw cannot make a row (no channel, no dates).
  if (!row || !Object.hasOwn(STEPS, event.type)) return row && { ...row, updatedAt: at, lastRevision: revision };
  const step = STEPS[event.type] as Step<typeof event.type>;
  return { ...step(row, event), updatedAt: at, lastRevision: revision };
}

type Step<T extends ComplaintEventType> = (row: SummaryRow, event: EventOfType<T>) => SummaryRow;
const same = (row: SummaryRow): SummaryRow => row;

const STEPS: { [T in Exclude<ComplaintEventType, 'ComplaintReceived'>]: Step<T> } = {
  ComplaintAcknowledged: (row, { data }) => ({
    ...row,
    acknowledgedAt: row.acknowledgedAt ?? data.acknowledgedAt,
    status: row.status === 'received' ? 'acknowledged' : row.status,
  }),
  ComplaintCategorized: (row, { data }) => ({
    ...row,
    category: data.category,
    subcategory: data.subcategory,
    severity: data.severity,
    impact: data.impact,
    priority: data.priority,
  }),
  ComplaintAssigned: (row, { data }) => ({ ...row, team: data.team, ownerId: data.ownerId }),
  ComplaintValidated: (row) => ({
    ...row,
    status: ['received', 'acknowledged', 'rejected'].includes(row.status) ? 'investigating' : row.status,
  }),
  ComplaintRejected: (row) => ({ ...row, status: 'rejected', statusBeforeWaiting: null }),
  CustomerContacted: same,
  ComplaintAwaitingCustomer: (row) => ({
    ...row,
    statusBeforeWaiting: row.status === 'waiting_on_customer' ? row.statusBeforeWaiting : row.status,
    status: 'waiting_on_customer',
  }),
  ComplaintResumed: (row) => ({ ...row, status: row.statusBeforeWaiting ?? row.status, statusBeforeWaiting: null }),
  RootCauseIdentified: same,
  ComplaintEscalated: (row, { data }) => ({ ...row, escalationTier: Math.max(row.escalationTier, data.tier) }),
  CompensationOffered: same,
  CompensationApproved: same,
  CompensationDeclined: same,
  CompensationPaid: same,
  ComplaintResolved: (row, { data }) => ({
    ...row,
    status: 'resolved',
    statusBeforeWaiting: null,
    resolvedAt: data.resolvedAt,
  }),
  CustomerConfirmedResolution: same,
  CustomerDisputedResolution: (row) => ({ ...row, status: 'disputed' }),
  ComplaintReopened: (row) => ({
    ...row,
    status: 'investigating',
    statusBeforeWaiting: null,
    reopenCount: row.reopenCount + 1,
    resolvedAt: null,
    closedAt: null,
  }),
  ComplaintClosed: (row, { data }) => ({
    ...row,
    status: 'closed',
    statusBeforeWaiting: null,
    closedAt: data.closedAt,
  }),
  SlaWarningRaised: same,
  SlaBreached: same,
};

function received({ data }: EventOfType<'ComplaintReceived'>): Omit<SummaryRow, 'updatedAt' | 'lastRevision'> {
  return {
    complaintId: data.complaintId,
    status: 'received',
    statusBeforeWaiting: null,
    channel: data.channel,
    // The customer's id only: name, email and phone are personal data and stay out of read models.
    customerId: data.customer.id,
    productRef: data.productRef ?? null,
    category: null,
    subcategory: null,
    severity: null,
    impact: null,
    priority: null,
    team: null,
    ownerId: null,
    escalationTier: 0,
    reopenCount: 0,
    receivedAt: data.receivedAt,
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
  };
}
