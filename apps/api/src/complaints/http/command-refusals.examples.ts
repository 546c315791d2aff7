/**
 * The decider's refusals as the API answers them, for the OpenAPI document: each goes through
 * toApiError, so its status (404, 409 or 422) is the one the API really sends for that code.
 * Messages and details are the decider's (libs/domain/src/complaint/decide-*.ts).
 */
import { DomainError, type DomainErrorCode } from '#domain';
import { exampleOf } from '#platform/http/openapi/error-example';
import { toApiError } from '../commands/domain-error.mapping.js';

function refusal(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
  return exampleOf(toApiError(new DomainError(code, message, details)));
}

export const Refusals = {
  COMPLAINT_NOT_FOUND: refusal('COMPLAINT_NOT_FOUND', 'There is no such complaint'),
  COMPLAINT_ALREADY_EXISTS: refusal('COMPLAINT_ALREADY_EXISTS', 'A complaint with this id already exists'),
  COMPLAINT_CLOSED: refusal('COMPLAINT_CLOSED', 'The complaint is closed; only a reopening is possible', {
    closedAt: '2026-11-20T16:45:00.000Z',
  }),
  COMPLAINT_REJECTED: refusal(
    'COMPLAINT_REJECTED',
    'The complaint was rejected as unfounded; validate it first to resolve it',
  ),
  COMPLAINT_ALREADY_RESOLVED: refusal(
    'COMPLAINT_ALREADY_RESOLVED',
    'The complaint is resolved; reopen it to reject it',
    {
      status: 'resolved',
    },
  ),
  COMPLAINT_NOT_RESOLVED: refusal('COMPLAINT_NOT_RESOLVED', 'The customer can answer only a resolved complaint', {
    status: 'investigating',
  }),
  COMPLAINT_NOT_CATEGORIZED: refusal(
    'COMPLAINT_NOT_CATEGORIZED',
    'A complaint must be categorized before it is resolved',
  ),
  COMPLAINT_NOT_ASSIGNED: refusal('COMPLAINT_NOT_ASSIGNED', 'A complaint must be assigned before it is resolved'),
  COMPLAINT_NOT_REOPENABLE: refusal(
    'COMPLAINT_NOT_REOPENABLE',
    'Only a disputed or a closed complaint can be reopened',
    {
      status: 'resolved',
    },
  ),
  REOPEN_WINDOW_EXPIRED: refusal('REOPEN_WINDOW_EXPIRED', 'A closed complaint can be reopened within 30 days', {
    closedAt: '2026-09-01T10:00:00.000Z',
    reopenWindowDays: 30,
  }),
  ALREADY_AWAITING_CUSTOMER: refusal('ALREADY_AWAITING_CUSTOMER', 'The complaint is already waiting on the customer', {
    since: '2026-11-12T09:30:00.000Z',
  }),
  NOT_AWAITING_CUSTOMER: refusal('NOT_AWAITING_CUSTOMER', 'The complaint is not waiting on the customer', {
    status: 'investigating',
  }),
  CUSTOMER_ALREADY_RESPONDED: refusal('CUSTOMER_ALREADY_RESPONDED', 'The customer already confirmed the resolution', {
    outcome: 'confirmed',
  }),
  CLOSURE_CODE_REQUIRED: refusal(
    'CLOSURE_CODE_REQUIRED',
    'Closing an unresolved complaint needs a closure code such as withdrawn or duplicate',
    { status: 'investigating' },
  ),
  SUBCATEGORY_NOT_IN_CATEGORY: refusal(
    'SUBCATEGORY_NOT_IN_CATEGORY',
    'late_delivery is not a subcategory of product_quality',
    { category: 'product_quality', subcategory: 'late_delivery' },
  ),
  ESCALATION_DOWNGRADE: refusal('ESCALATION_DOWNGRADE', 'The complaint is at tier 3; escalation only goes up', {
    tier: 2,
    previousTier: 3,
  }),
  COMPENSATION_ALREADY_EXISTS: refusal(
    'COMPENSATION_ALREADY_EXISTS',
    'A compensation with this id was already offered',
    {
      compensationId: '0b7e3c52-6f1a-4d8e-9c2b-5a4f3e2d1c0b',
    },
  ),
  COMPENSATION_NOT_FOUND: refusal('COMPENSATION_NOT_FOUND', 'The complaint has no compensation with this id', {
    compensationId: '0b7e3c52-6f1a-4d8e-9c2b-5a4f3e2d1c0b',
  }),
  COMPENSATION_DECLINED: refusal('COMPENSATION_DECLINED', 'The compensation was declined'),
  COMPENSATION_ALREADY_APPROVED: refusal(
    'COMPENSATION_ALREADY_APPROVED',
    'The compensation was already approved for another amount',
    { approvedAmount: 4000 },
  ),
  COMPENSATION_NOT_APPROVED: refusal(
    'COMPENSATION_NOT_APPROVED',
    'The compensation is above the approval limit and not yet approved',
  ),
  COMPENSATION_PAYMENT_STARTED: refusal('COMPENSATION_PAYMENT_STARTED', 'Payment of this compensation has started'),
  APPROVER_NOT_AUTHORIZED: refusal(
    'APPROVER_NOT_AUTHORIZED',
    'Above the approval limit only supervisor or admin may approve',
    {
      role: 'agent',
    },
  ),
  APPROVED_AMOUNT_EXCEEDS_OFFER: refusal(
    'APPROVED_AMOUNT_EXCEEDS_OFFER',
    'An approval cannot exceed the offered amount',
    {
      offeredAmount: 4999,
      approvedAmount: 6000,
    },
  ),
  PAYMENT_EXCEEDS_APPROVED: refusal('PAYMENT_EXCEEDS_APPROVED', 'The total paid would exceed the approved amount', {
    approved: 4999,
    paid: 2000,
    requested: 3500,
  }),
  OCCURRED_AT_IN_FUTURE: refusal(
    'OCCURRED_AT_IN_FUTURE',
    'occurredAt cannot be later than the time the complaint is received',
  ),
} as const;

/** A text of blanks passes the DTO's length check, but says nothing. */
export function missingField(field: string) {
  return refusal('MISSING_FIELD', `${field} must not be empty`, { field });
}
