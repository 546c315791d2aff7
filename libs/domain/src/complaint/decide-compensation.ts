/**
 * Compensation 补偿: offered → approved → paid (in one or more payments), or declined.
 * The money rules: an offer above the team's approval limit needs a supervisor's approval before any
 * payment, and the total paid for a compensation never exceeds what was approved for it (for an offer
 * that needed no approval, the offered amount counts as approved). Amounts are integer minor units.
 */
import { APPROVER_ROLES, type DecisionContext } from './actor.js';
import type { ApproveCompensation, DeclineCompensation, OfferCompensation, PayCompensation } from './commands.js';
import { refuse } from './errors.js';
import type { ComplaintEvent } from './events.js';
import { payableAmount } from './evolve-compensation.js';
import { compact, requireNotRejected, requireText, stamp } from './guards.js';
import { approvalLimitFor } from './policy.js';
import type { CompensationState, ComplaintState } from './state.js';
import { ISO_CURRENCY } from './vocabulary.js';

export function offer({ data }: OfferCompensation, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  requireNotRejected(state, 'offer compensation');
  requireText(data.compensationId, 'compensationId');
  if (Object.hasOwn(state.compensations, data.compensationId)) {
    refuse('COMPENSATION_ALREADY_EXISTS', 'A compensation with this id was already offered', {
      compensationId: data.compensationId,
    });
  }
  requireAmount(data.amount, 0);
  if (!ISO_CURRENCY.test(data.currency)) refuse('INVALID_CURRENCY', 'currency must be an ISO 4217 code such as EUR');
  // The limit is the team's at the time of the offer: a later reassignment does not re-decide it.
  const approvalLimit = approvalLimitFor(context.policy, state.team, data.currency);
  const { by, at } = stamp(context);
  const { compensationId, kind, amount, currency } = data;
  const requiresApproval = amount > approvalLimit;
  return [
    {
      type: 'CompensationOffered',
      data: {
        complaintId: state.complaintId,
        compensationId,
        kind,
        amount,
        currency,
        approvalLimit,
        requiresApproval,
        by,
        offeredAt: at,
      },
    },
  ];
}

/**
 * Approval may lower the amount, never raise it. Anyone may approve an offer within the limit (a
 * recorded second look); above the limit only a supervisor or admin may. The same approval again
 * is a no-op; a different one is a conflict — decline and offer anew instead.
 */
export function approve(
  { data }: ApproveCompensation,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  requireNotRejected(state, 'approve compensation');
  const compensation = compensationOf(state, data.compensationId);
  const approvedAmount = data.approvedAmount ?? compensation.offeredAmount;
  requireAmount(approvedAmount, 0);
  if (compensation.status === 'declined') refuse('COMPENSATION_DECLINED', 'The compensation was declined');
  if (compensation.approvedAmount !== null) {
    if (compensation.approvedAmount === approvedAmount) return [];
    refuse('COMPENSATION_ALREADY_APPROVED', 'The compensation was already approved for another amount', {
      approvedAmount: compensation.approvedAmount,
    });
  }
  if (compensation.paidAmount > 0) refuse('COMPENSATION_PAYMENT_STARTED', 'Payment of this compensation has started');
  if (approvedAmount > compensation.offeredAmount) {
    refuse('APPROVED_AMOUNT_EXCEEDS_OFFER', 'An approval cannot exceed the offered amount', {
      offeredAmount: compensation.offeredAmount,
      approvedAmount,
    });
  }
  requireApprover(compensation, context);
  const { at } = stamp(context);
  const { compensationId, currency } = compensation;
  return [
    {
      type: 'CompensationApproved',
      data: {
        complaintId: state.complaintId,
        compensationId,
        approvedAmount,
        currency,
        approver: context.actor.id,
        approvedAt: at,
      },
    },
  ];
}

function requireApprover(compensation: CompensationState, context: DecisionContext): void {
  if (compensation.requiresApproval && !APPROVER_ROLES.includes(context.actor.role)) {
    refuse('APPROVER_NOT_AUTHORIZED', `Above the approval limit only ${APPROVER_ROLES.join(' or ')} may approve`, {
      role: context.actor.role,
    });
  }
}

/** Declining withdraws an offer that has not started to be paid; declining twice is a no-op. */
export function decline(
  { data }: DeclineCompensation,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const compensation = compensationOf(state, data.compensationId);
  if (compensation.status === 'declined') return [];
  if (compensation.paidAmount > 0) refuse('COMPENSATION_PAYMENT_STARTED', 'Payment of this compensation has started');
  requireText(data.reason, 'reason');
  const { by, at } = stamp(context);
  return [
    {
      type: 'CompensationDeclined',
      data: {
        complaintId: state.complaintId,
        compensationId: compensation.compensationId,
        reason: data.reason,
        by,
        declinedAt: at,
      },
    },
  ];
}

/**
 * Payments may be partial. A payment whose reference was already recorded is a retry and a no-op,
 * so a payment system may report the same payment twice.
 */
export function pay({ data }: PayCompensation, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  requireNotRejected(state, 'pay compensation');
  const compensation = compensationOf(state, data.compensationId);
  if (data.paymentRef !== undefined && compensation.paymentRefs.includes(data.paymentRef)) return [];
  if (compensation.status === 'declined') refuse('COMPENSATION_DECLINED', 'The compensation was declined');
  if (compensation.requiresApproval && compensation.approvedAmount === null) {
    refuse('COMPENSATION_NOT_APPROVED', 'The compensation is above the approval limit and not yet approved');
  }
  requireAmount(data.amount, 1);
  const approved = payableAmount(compensation);
  const totalPaid = compensation.paidAmount + data.amount;
  if (totalPaid > approved) {
    refuse('PAYMENT_EXCEEDS_APPROVED', 'The total paid would exceed the approved amount', {
      approved,
      paid: compensation.paidAmount,
      requested: data.amount,
    });
  }
  const { by, at } = stamp(context);
  const { compensationId, currency } = compensation;
  const { amount, paymentRef } = data;
  return [
    {
      type: 'CompensationPaid',
      data: compact({
        complaintId: state.complaintId,
        compensationId,
        amount,
        currency,
        paymentRef,
        totalPaid,
        by,
        paidAt: at,
      }),
    },
  ];
}

function compensationOf(state: ComplaintState, compensationId: string): CompensationState {
  const compensation = Object.hasOwn(state.compensations, compensationId)
    ? state.compensations[compensationId]
    : undefined;
  if (compensation === undefined)
    refuse('COMPENSATION_NOT_FOUND', 'The complaint has no compensation with this id', { compensationId });
  return compensation;
}

function requireAmount(amount: unknown, minimum: number): void {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < minimum) {
    refuse('INVALID_AMOUNT', `amount must be an integer of minor units, at least ${minimum}`, { amount });
  }
}
