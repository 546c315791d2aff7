/** How compensation events change the compensations of a complaint, keyed by compensation id. */
import type { CompensationApproved, CompensationDeclined, CompensationOffered, CompensationPaid } from './events.js';
import type { CompensationState } from './state.js';

type CompensationEvent = CompensationOffered | CompensationApproved | CompensationDeclined | CompensationPaid;
type Compensations = Record<string, CompensationState>;

export function evolveCompensation(compensations: Compensations, event: CompensationEvent): Compensations {
  if (event.type === 'CompensationOffered') return { ...compensations, [event.data.compensationId]: offered(event) };
  const current = compensations[event.data.compensationId];
  // A payment for an unknown offer cannot come from this decider; skip it rather than invent one.
  if (current === undefined) return compensations;
  return { ...compensations, [current.compensationId]: changed(current, event) };
}

function offered({ data }: CompensationOffered): CompensationState {
  return {
    compensationId: data.compensationId,
    kind: data.kind,
    currency: data.currency,
    offeredAmount: data.amount,
    requiresApproval: data.requiresApproval,
    approvedAmount: null,
    paidAmount: 0,
    paymentRefs: [],
    status: 'offered',
  };
}

function changed(
  current: CompensationState,
  event: Exclude<CompensationEvent, CompensationOffered>,
): CompensationState {
  switch (event.type) {
    case 'CompensationApproved':
      return withPaymentStatus({ ...current, approvedAmount: event.data.approvedAmount, status: 'approved' });
    case 'CompensationDeclined':
      return { ...current, status: 'declined' };
    case 'CompensationPaid': {
      const refs =
        event.data.paymentRef === undefined ? current.paymentRefs : [...current.paymentRefs, event.data.paymentRef];
      return withPaymentStatus({ ...current, paidAmount: current.paidAmount + event.data.amount, paymentRefs: refs });
    }
    default: {
      const _exhaustive: never = event;
      return current;
    }
  }
}

/** The amount that may be paid in total: the approved amount, or the offer when it needed no approval. */
export function payableAmount(compensation: CompensationState): number {
  if (compensation.approvedAmount !== null) return compensation.approvedAmount;
  return compensation.requiresApproval ? 0 : compensation.offeredAmount;
}

function withPaymentStatus(compensation: CompensationState): CompensationState {
  if (compensation.status === 'declined' || compensation.paidAmount === 0) return compensation;
  const full = compensation.paidAmount >= payableAmount(compensation);
  return { ...compensation, status: full ? 'paid' : 'partially_paid' };
}
