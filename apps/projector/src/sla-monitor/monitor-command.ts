/**
 * One agenda item as a command on the normal write path. The monitor acts as `system:sla-monitor`
 * (role `system`, which no HTTP caller can hold) and derives the command's idempotency key from the
 * fact's identity — complaint, kind, subject, handling — so its event ids and causation id are the
 * same whichever monitor decides it, however often: a second monitor, or this one after a crash
 * between "decided" and "answered", finds the events already stored instead of writing them again.
 */
import type { ComplaintCommand, EscalatingSignal, SlaTarget } from '#domain';
import type { DueWork } from '#read-models/sla-monitor/index';
import { ExecuteComplaintCommand } from '../../../api/src/complaints/commands/execute-complaint-command.js';

export const SLA_MONITOR_ACTOR_ID = 'system:sla-monitor';

/** The product's own process: its role is outside the roles a request can act in, hence the cast. */
const MONITOR = {
  id: SLA_MONITOR_ACTOR_ID,
  role: 'system',
  roles: [],
  teams: [],
} as unknown as ExecuteComplaintCommand['request']['caller'];

/** Bump only if the meaning of a fact's identity changes: new ids would let a fact be written again. */
const FINGERPRINT = 'sla-monitor/v1';

export function factKeyOf(work: Pick<DueWork, 'complaintId' | 'kind' | 'subject' | 'handling'>): string {
  return ['sla-monitor', work.complaintId, work.kind, work.subject, String(work.handling)].join('/');
}

/** `correlationId`: the pass, so an auditor can see which facts one pass recorded together. */
export function monitorCommandFor(work: DueWork, correlationId: string): ExecuteComplaintCommand {
  return new ExecuteComplaintCommand(work.complaintId, commandOf(work), {
    caller: MONITOR,
    correlationId,
    idempotency: { key: factKeyOf(work), fingerprint: FINGERPRINT },
  });
}

function commandOf(work: DueWork): ComplaintCommand {
  switch (work.kind) {
    case 'warning':
      return { type: 'RaiseSlaWarning', data: { target: work.subject as SlaTarget } };
    case 'breach':
      return { type: 'RecordSlaBreach', data: { target: work.subject as SlaTarget } };
    case 'escalation':
      return { type: 'EscalateOnSignal', data: { signal: work.subject as EscalatingSignal } };
  }
}
