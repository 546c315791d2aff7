import type { ComplaintEvent, EventOfType } from '#domain';
import type { CompensationFact, ComplaintFacts } from './fact-rows.js';

/** What the analytics projection knows about one complaint: its fact row and its compensations. */
export interface AnalyticsState {
  facts: ComplaintFacts;
  /** By compensation id. */
  compensations: Readonly<Record<string, CompensationFact>>;
}

/** The event types the analytics read model folds; the feed is filtered to them. */
export const ANALYTICS_EVENT_TYPES = [
  'ComplaintReceived',
  'ComplaintCategorized',
  'ComplaintAssigned',
  'CustomerContacted',
  'ComplaintAwaitingCustomer',
  'RootCauseIdentified',
  'CompensationOffered',
  'CompensationApproved',
  'CompensationDeclined',
  'CompensationPaid',
  'ComplaintResolved',
  'CustomerConfirmedResolution',
  'CustomerDisputedResolution',
  'ComplaintReopened',
  'ComplaintClosed',
] as const satisfies readonly ComplaintEvent['type'][];

type AnalyticsEventType = (typeof ANALYTICS_EVENT_TYPES)[number];
type Step<T extends AnalyticsEventType> = (facts: ComplaintFacts, event: EventOfType<T>) => ComplaintFacts;
type CompensationStep<T extends AnalyticsEventType> = (
  compensation: CompensationFact,
  event: EventOfType<T>,
) => CompensationFact;
type FactEventType = Exclude<AnalyticsEventType, 'ComplaintReceived' | `Compensation${string}`>;

/**
 * The analytics evolve: the state after one more event at stream `revision`. Pure. An event of a
 * complaint whose intake was never seen makes no row (there is no period of receipt to count it in).
 */
export function foldAnalytics(
  state: AnalyticsState | undefined,
  event: ComplaintEvent,
  revision: number,
): AnalyticsState | undefined {
  if (event.type === 'ComplaintReceived') return { facts: received(event, revision), compensations: {} };
  if (!state) return state;
  const touched = { ...state, facts: { ...state.facts, lastRevision: revision } };
  const factStep = (FACT_STEPS as Record<string, AnyStep<ComplaintFacts>>)[event.type];
  if (factStep) return { ...touched, facts: factStep(touched.facts, event) };
  if (event.type === 'CompensationOffered') return withCompensation(touched, offered(event, revision));
  const compensationStep = (COMPENSATION_STEPS as Record<string, AnyStep<CompensationFact>>)[event.type];
  if (!compensationStep) return touched;
  const current = state.compensations[(event.data as { compensationId: string }).compensationId];
  // A later step of an offer this complaint never made cannot come from the decider; skip it.
  if (!current) return touched;
  return withCompensation(touched, { ...compensationStep(current, event), lastRevision: revision });
}

type AnyStep<Row> = (row: Row, event: ComplaintEvent) => Row;

const FACT_STEPS: { [T in FactEventType]: Step<T> } = {
  ComplaintCategorized: (facts, { data }) => ({ ...facts, category: data.category, subcategory: data.subcategory }),
  ComplaintAssigned: (facts, { data }) => ({ ...facts, team: data.team }),
  CustomerContacted: (facts) => ({ ...facts, followedUp: true }),
  ComplaintAwaitingCustomer: (facts) => ({ ...facts, followedUp: true }),
  RootCauseIdentified: (facts, { data }) => ({ ...facts, fishboneClass: data.fishboneClass }),
  ComplaintResolved: (facts, { data }) => ({
    ...facts,
    firstConcludedAt: facts.firstConcludedAt ?? data.resolvedAt,
    firstResolvedAt: facts.firstResolvedAt ?? data.resolvedAt,
    resolvedAt: data.resolvedAt,
    // Decided at the first resolution; a reopening later turns it to false for good.
    firstContactResolution:
      facts.firstResolvedAt === null ? !facts.followedUp && facts.reopenCount === 0 : facts.firstContactResolution,
  }),
  CustomerConfirmedResolution: (facts, { data }) => ({
    ...facts,
    satisfaction: data.satisfaction,
    customerOutcome: 'confirmed',
  }),
  CustomerDisputedResolution: (facts, { data }) => ({
    ...facts,
    satisfaction: data.satisfaction,
    customerOutcome: 'disputed',
  }),
  ComplaintReopened: (facts) => ({
    ...facts,
    reopenCount: facts.reopenCount + 1,
    resolvedAt: null,
    firstContactResolution: facts.firstContactResolution === null ? null : false,
  }),
  ComplaintClosed: (facts, { data }) => ({ ...facts, firstConcludedAt: facts.firstConcludedAt ?? data.closedAt }),
};

const COMPENSATION_STEPS: {
  [T in 'CompensationApproved' | 'CompensationDeclined' | 'CompensationPaid']: CompensationStep<T>;
} = {
  CompensationApproved: (compensation, { data }) => ({ ...compensation, approvedAmount: data.approvedAmount }),
  CompensationDeclined: (compensation) => ({ ...compensation, declined: true }),
  // totalPaid is the decider's running total, so a payment is never added twice.
  CompensationPaid: (compensation, { data }) => ({ ...compensation, paidAmount: data.totalPaid }),
};

function withCompensation(state: AnalyticsState, compensation: CompensationFact): AnalyticsState {
  return { ...state, compensations: { ...state.compensations, [compensation.compensationId]: compensation } };
}

function offered({ data }: EventOfType<'CompensationOffered'>, revision: number): CompensationFact {
  return {
    complaintId: data.complaintId.toLowerCase(),
    compensationId: data.compensationId,
    kind: data.kind,
    currency: data.currency,
    offeredAmount: data.amount,
    requiresApproval: data.requiresApproval,
    approvedAmount: null,
    paidAmount: 0,
    declined: false,
    lastRevision: revision,
  };
}

function received({ data }: EventOfType<'ComplaintReceived'>, revision: number): ComplaintFacts {
  return {
    complaintId: data.complaintId.toLowerCase(),
    receivedAt: data.receivedAt,
    channel: data.channel,
    productRef: data.productRef ?? null,
    category: null,
    subcategory: null,
    fishboneClass: null,
    team: null,
    firstConcludedAt: null,
    firstResolvedAt: null,
    resolvedAt: null,
    reopenCount: 0,
    followedUp: false,
    firstContactResolution: null,
    satisfaction: null,
    customerOutcome: null,
    lastRevision: revision,
  };
}
