/**
 * decide: what a command means for a complaint in its current state — the events to append, [] for
 * an idempotent no-op (a retry, or a repeat that adds nothing), or a DomainError for a refusal.
 *
 * Statuses and the steps each allows (✓ allowed; ∅ no-op; → status afterwards; codes are refusals).
 * "open" = every status but closed. Columns: rec=received ack=acknowledged inv=investigating
 * wait=waiting_on_customer rej=rejected res=resolved dis=disputed.
 *
 * | command             | rec / ack         | inv               | wait              | rej               | res                | dis                | closed                   |
 * |---------------------|-------------------|-------------------|-------------------|-------------------|--------------------|--------------------|--------------------------|
 * | Receive             | ALREADY_EXISTS    | ALREADY_EXISTS    | ALREADY_EXISTS    | ALREADY_EXISTS    | ALREADY_EXISTS     | ALREADY_EXISTS     | ALREADY_EXISTS           |
 * | Acknowledge         | ✓ (rec → ack)     | ✓ / ∅ once acked  | ✓ / ∅ once acked  | ✓ / ∅ once acked  | ✓ / ∅ once acked   | ✓ / ∅ once acked   | CLOSED                   |
 * | Categorize, Assign  | ✓ (∅ if same)     | ✓ (∅ if same)     | ✓ (∅ if same)     | ✓ (∅ if same)     | ✓ (∅ if same)      | ✓ (∅ if same)      | CLOSED                   |
 * | Validate            | ✓ → inv           | ∅ if valid, else ✓| resume, ✓ → inv   | ✓ → inv (overturn)| ∅ if valid, else   | ∅ if valid, else   | CLOSED                   |
 * |                     |                   |                   |                   |                   |   ALREADY_RESOLVED |   ALREADY_RESOLVED |                          |
 * | Reject              | ✓ → rej           | ✓ → rej           | resume, ✓ → rej   | ∅                 | ALREADY_RESOLVED   | ALREADY_RESOLVED   | CLOSED                   |
 * | LogCustomerContact  | ✓                 | ✓                 | ✓                 | ✓                 | ✓                  | ✓                  | CLOSED                   |
 * | AwaitCustomer       | ✓ → wait          | ✓ → wait          | ALREADY_AWAITING  | REJECTED          | ALREADY_RESOLVED   | ALREADY_RESOLVED   | CLOSED                   |
 * | ResumeComplaint     | NOT_AWAITING      | NOT_AWAITING      | ✓ → status before | NOT_AWAITING      | NOT_AWAITING       | NOT_AWAITING       | CLOSED                   |
 * | IdentifyRootCause   | ✓ (∅ if same)     | ✓ (∅ if same)     | ✓ (∅ if same)     | ✓ (∅ if same)     | ✓ (∅ if same)      | ✓ (∅ if same)      | CLOSED                   |
 * | Escalate            | ✓ up only         | ✓ up only         | ✓ up only         | ✓ up only         | ✓ up only          | ✓ up only          | CLOSED                   |
 * | Offer/Approve/Pay   | ✓                 | ✓                 | ✓                 | REJECTED          | ✓                  | ✓                  | CLOSED                   |
 * | DeclineCompensation | ✓                 | ✓                 | ✓                 | ✓                 | ✓                  | ✓                  | CLOSED                   |
 * | Resolve (*)         | ✓ → res           | ✓ → res           | resume, ✓ → res   | REJECTED          | ALREADY_RESOLVED   | ALREADY_RESOLVED   | CLOSED                   |
 * | RecordCustomerResp. | NOT_RESOLVED      | NOT_RESOLVED      | NOT_RESOLVED      | NOT_RESOLVED      | ✓ → res or dis (†) | ∅ same / (†)       | CLOSED                   |
 * | Reopen              | NOT_REOPENABLE    | NOT_REOPENABLE    | NOT_REOPENABLE    | NOT_REOPENABLE    | NOT_REOPENABLE     | ✓ → inv            | ✓ → inv within window,   |
 * |                     |                   |                   |                   |                   |                    |                    | else REOPEN_WINDOW_EXP.  |
 * | Close (‡)           | ✓ → closed        | ✓ → closed        | resume, ✓ → closed| ✓ → closed        | ✓ → closed         | ✓ → closed         | CLOSED                   |
 * | RaiseSlaWarning,    | ✓ if due (§)      | ✓ if due (§)      | ✓ if due (§)      | ✓ if due (§)      | ✓ if due (§)       | ✓ if due (§)       | ∅ (a late monitor run is |
 * | RecordSlaBreach,    |                   |                   |                   |                   |                    |                    | not an error)            |
 * | EscalateOnSignal    |                   |                   |                   |                   |                    |                    |                          |
 *
 * Codes are shortened: REJECTED = COMPLAINT_REJECTED, ALREADY_RESOLVED = COMPLAINT_ALREADY_RESOLVED, and so on.
 * "resume, ✓" = a ComplaintResumed (automatic: true) is emitted before the step's own event.
 * Every command but Receive on a complaint that does not exist: COMPLAINT_NOT_FOUND.
 * (*) Resolve needs a category (COMPLAINT_NOT_CATEGORIZED) and an owner (COMPLAINT_NOT_ASSIGNED).
 * (†) Once answered, the same answer again is ∅ and a different one CUSTOMER_ALREADY_RESPONDED.
 * (‡) Closing defaults to the code `resolved` only in res; every other status needs an explicit code
 *     other than `resolved` (CLOSURE_CODE_REQUIRED).
 * (§) Only when the stream says it is due now (monitor-work.ts), else ∅: a warning or breach of a clock
 *     still running, once per (kind, target) and handling, a breach also escalating one tier (up to 4,
 *     reason sla-breach:<target>); a critical point reached while the complaint is worked, once per
 *     signal, to the escalation policy's tier.
 * Escalate: a lower tier is ESCALATION_DOWNGRADE; the same tier and a reason already recorded there ∅.
 *
 * Permissive where desks are: categorize/assign before acknowledging, resolve without a validation
 * step (first-contact resolution). Strict where DOMAIN.md is: nothing on a closed complaint but a
 * reopen; no resolution before categorized and assigned; the customer answers only a resolution.
 */
import type { DecisionContext } from './actor.js';
import type { ComplaintCommand, ReceiveComplaint } from './commands.js';
import { acknowledge, assign, categorize, receive, reject, validate } from './decide-intake.js';
import { awaitCustomer, escalate, identifyRootCause, logContact, resume } from './decide-handling.js';
import { approve, decline, offer, pay } from './decide-compensation.js';
import { close, recordCustomerResponse, reopen, resolve } from './decide-outcome.js';
import { escalateOnSignal, raiseWarning, recordBreach } from './decide-sla.js';
import { refuse } from './errors.js';
import type { ComplaintEvent } from './events.js';
import { requireExists } from './guards.js';
import type { ComplaintState } from './state.js';

type StepCommand = Exclude<ComplaintCommand, ReceiveComplaint>;
type Step<C extends StepCommand> = (command: C, state: ComplaintState, context: DecisionContext) => ComplaintEvent[];

/** One decide function per command type; a missing type does not compile, like an exhaustive switch. */
const STEPS: { [T in StepCommand['type']]: Step<Extract<StepCommand, { type: T }>> } = {
  AcknowledgeComplaint: acknowledge,
  CategorizeComplaint: categorize,
  AssignComplaint: assign,
  ValidateComplaint: validate,
  RejectComplaint: reject,
  LogCustomerContact: logContact,
  AwaitCustomer: awaitCustomer,
  ResumeComplaint: resume,
  IdentifyRootCause: identifyRootCause,
  EscalateComplaint: escalate,
  OfferCompensation: offer,
  ApproveCompensation: approve,
  DeclineCompensation: decline,
  PayCompensation: pay,
  ResolveComplaint: resolve,
  RecordCustomerResponse: recordCustomerResponse,
  ReopenComplaint: reopen,
  CloseComplaint: close,
  RaiseSlaWarning: raiseWarning,
  RecordSlaBreach: recordBreach,
  EscalateOnSignal: escalateOnSignal,
};

export function decide(command: ComplaintCommand, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  if (command.type === 'ReceiveComplaint') return receive(command, state, context);
  requireExists(state);
  if (state.status === 'closed') return decideOnClosed(command, state, context);
  // A type the union does not know arrived over the wire: refuse it rather than crash.
  if (!Object.hasOwn(STEPS, command.type)) return refuse('UNKNOWN_COMMAND', `Unknown command ${command.type}`);
  const step = STEPS[command.type] as Step<typeof command>;
  return step(command, state, context);
}

/** What the SLA monitor sends: on a closed complaint it is not an error, just nothing to record. */
const MONITOR_COMMANDS: readonly StepCommand['type'][] = ['RaiseSlaWarning', 'RecordSlaBreach', 'EscalateOnSignal'];

function decideOnClosed(command: StepCommand, state: ComplaintState, context: DecisionContext): ComplaintEvent[] {
  if (command.type === 'ReopenComplaint') return reopen(command, state, context);
  // The monitor may race the closure; a fact about a clock that no longer runs is simply not recorded.
  if (MONITOR_COMMANDS.includes(command.type)) return [];
  return refuse('COMPLAINT_CLOSED', 'The complaint is closed; only a reopening is possible', {
    closedAt: state.closedAt,
  });
}
