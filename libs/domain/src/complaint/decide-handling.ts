/** Working the complaint: contacts, waiting on the customer, root cause, escalation. */
import type { DecisionContext } from './actor.js';
import type {
  AwaitCustomer,
  EscalateComplaint,
  IdentifyRootCause,
  LogCustomerContact,
  ResumeComplaint,
} from './commands.js';
import { refuse } from './errors.js';
import type { ComplaintEvent } from './events.js';
import { rootCauseFingerprint } from './evolve.js';
import { compact, requireNotRejected, requireNotResolved, requireText, stamp } from './guards.js';
import type { ComplaintState } from './state.js';
import { ESCALATION_TIERS } from './vocabulary.js';

/** Every contact is recorded, even an identical one: two calls saying the same are two calls. */
export function logContact(
  { data }: LogCustomerContact,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  requireText(data.summary, 'summary');
  const { by, at } = stamp(context);
  const { direction, channel, summary, mood } = data;
  return [
    {
      type: 'CustomerContacted',
      data: compact({ complaintId: state.complaintId, direction, channel, summary, mood, by, contactedAt: at }),
    },
  ];
}

/** Pausing for the customer is part of handling, so not of a rejected or resolved complaint. */
export function awaitCustomer(
  { data }: AwaitCustomer,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  if (state.status === 'waiting_on_customer') {
    refuse('ALREADY_AWAITING_CUSTOMER', 'The complaint is already waiting on the customer', {
      since: state.awaitingSince,
    });
  }
  requireNotRejected(state, 'wait on the customer');
  requireNotResolved(state, 'wait on the customer');
  requireText(data.reason, 'reason');
  const { by, at } = stamp(context);
  return [
    {
      type: 'ComplaintAwaitingCustomer',
      data: { complaintId: state.complaintId, reason: data.reason, by, pausedAt: at },
    },
  ];
}

export function resume({ data }: ResumeComplaint, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  if (state.status !== 'waiting_on_customer') {
    refuse('NOT_AWAITING_CUSTOMER', 'The complaint is not waiting on the customer', { status: state.status });
  }
  const { by, at } = stamp(context);
  return [
    {
      type: 'ComplaintResumed',
      data: compact({ complaintId: state.complaintId, reason: data.reason, automatic: false, by, resumedAt: at }),
    },
  ];
}

/**
 * A root-cause analysis may be refined (each refinement is a new event, the latest counts), and may
 * happen after the resolution — it often does. An identical repeat is a retry and a no-op.
 */
export function identifyRootCause(
  { data }: IdentifyRootCause,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  if (!Array.isArray(data.whys) || data.whys.length === 0)
    refuse('MISSING_FIELD', 'whys needs at least one why', { field: 'whys' });
  data.whys.forEach((why, index) => requireText(why, `whys[${index}]`));
  requireText(data.correctiveAction, 'correctiveAction');
  requireText(data.preventiveAction, 'preventiveAction');
  if (state.lastRootCause === rootCauseFingerprint(data)) return [];
  const { by, at } = stamp(context);
  const { fishboneClass, whys, correctiveAction, preventiveAction } = data;
  return [
    {
      type: 'RootCauseIdentified',
      data: {
        complaintId: state.complaintId,
        fishboneClass,
        whys: [...whys],
        correctiveAction,
        preventiveAction,
        by,
        identifiedAt: at,
      },
    },
  ];
}

/**
 * Escalation only goes up. At the current tier, a reason not yet recorded there is recorded as a new
 * escalation event at the same tier (the extra reason matters to whoever handles that tier, and to
 * the statistics); a reason already recorded there is a no-op, so automatic escalations can retry.
 */
export function escalate(
  { data }: EscalateComplaint,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const { tier, reason, note } = data;
  if (!(ESCALATION_TIERS as readonly number[]).includes(tier)) {
    refuse('INVALID_ESCALATION_TIER', `tier must be one of ${ESCALATION_TIERS.join(', ')}`, { tier });
  }
  const previousTier = state.escalationTier;
  if (tier < previousTier) {
    refuse('ESCALATION_DOWNGRADE', `The complaint is at tier ${previousTier}; escalation only goes up`, {
      tier,
      previousTier,
    });
  }
  if (tier === previousTier && state.escalationReasons.includes(reason)) return [];
  const { by, at } = stamp(context);
  return [
    {
      type: 'ComplaintEscalated',
      data: compact({ complaintId: state.complaintId, tier, previousTier, reason, note, by, escalatedAt: at }),
    },
  ];
}
