/**
 * Refusals of the decider. The code is the stable contract (clients switch on it); the kind tells
 * the HTTP layer how to answer: `conflict` (409) when the complaint's current state forbids the
 * step, `unprocessable` (422) when the request breaks a business rule whatever the state.
 * COMPLAINT_NOT_FOUND is a conflict here; the API answers it with 404.
 */

export type DomainErrorKind = 'conflict' | 'unprocessable';

const KINDS = {
  // existence
  COMPLAINT_NOT_FOUND: 'conflict',
  COMPLAINT_ALREADY_EXISTS: 'conflict',
  // lifecycle
  COMPLAINT_CLOSED: 'conflict',
  COMPLAINT_REJECTED: 'conflict',
  COMPLAINT_ALREADY_RESOLVED: 'conflict',
  COMPLAINT_NOT_RESOLVED: 'conflict',
  COMPLAINT_NOT_CATEGORIZED: 'conflict',
  COMPLAINT_NOT_ASSIGNED: 'conflict',
  COMPLAINT_NOT_REOPENABLE: 'conflict',
  REOPEN_WINDOW_EXPIRED: 'conflict',
  ALREADY_AWAITING_CUSTOMER: 'conflict',
  NOT_AWAITING_CUSTOMER: 'conflict',
  CUSTOMER_ALREADY_RESPONDED: 'conflict',
  CLOSURE_CODE_REQUIRED: 'unprocessable',
  // classification and escalation
  SUBCATEGORY_NOT_IN_CATEGORY: 'unprocessable',
  ESCALATION_DOWNGRADE: 'unprocessable',
  INVALID_ESCALATION_TIER: 'unprocessable',
  // compensation
  COMPENSATION_ALREADY_EXISTS: 'conflict',
  COMPENSATION_NOT_FOUND: 'conflict',
  COMPENSATION_DECLINED: 'conflict',
  COMPENSATION_ALREADY_APPROVED: 'conflict',
  COMPENSATION_NOT_APPROVED: 'conflict',
  COMPENSATION_PAYMENT_STARTED: 'conflict',
  APPROVER_NOT_AUTHORIZED: 'unprocessable',
  APPROVED_AMOUNT_EXCEEDS_OFFER: 'unprocessable',
  PAYMENT_EXCEEDS_APPROVED: 'unprocessable',
  // values the type system cannot check once data has crossed the wire
  INVALID_AMOUNT: 'unprocessable',
  INVALID_CURRENCY: 'unprocessable',
  INVALID_SATISFACTION: 'unprocessable',
  INVALID_TIMESTAMP: 'unprocessable',
  INVALID_SLA_TARGET: 'unprocessable',
  INVALID_ESCALATION_SIGNAL: 'unprocessable',
  OCCURRED_AT_IN_FUTURE: 'unprocessable',
  MISSING_FIELD: 'unprocessable',
  UNKNOWN_COMMAND: 'unprocessable',
} as const satisfies Record<string, DomainErrorKind>;

export type DomainErrorCode = keyof typeof KINDS;

/** `DomainErrorCode.COMPLAINT_CLOSED === 'COMPLAINT_CLOSED'`: lets callers refer to codes without typos. */
export const DomainErrorCode = Object.freeze(
  Object.fromEntries(Object.keys(KINDS).map((code) => [code, code])) as { [C in DomainErrorCode]: C },
);

export const DOMAIN_ERROR_KINDS: Readonly<Record<DomainErrorCode, DomainErrorKind>> = KINDS;

/** The kind follows from the code, so one code is never a 409 in one place and a 422 in another. */
export class DomainError extends Error {
  readonly kind: DomainErrorKind;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = KINDS[code];
  }
}

export function refuse(code: DomainErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}
