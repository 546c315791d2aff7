/**
 * Turns a planned history into the events of a complaint stream by running each command through the
 * domain's decider with the clock set to the step's historical instant: what comes out is exactly
 * what the API would have stored had the complaint been handled here then. Nothing is hand-made; a
 * step the domain refuses rejects the whole record.
 */
import {
  type ComplaintCommand,
  type ComplaintPolicy,
  decide,
  defaultPolicy,
  DomainError,
  EVENT_SCHEMA_VERSION,
  evolve,
  initialState,
  streamNameFor,
} from '#domain';
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '#event-store';
import { deterministicUuid } from '#platform/ids/deterministic-uuid';
import { type HistoryPlan, type PlannedCommand, RowRejectedError } from '../profile.js';

export interface ReplayedHistory {
  complaintId: string;
  stream: string;
  events: NewEvent[];
}

/**
 * The same source record always becomes the same complaint (the same stream), so importing a file
 * twice finds its complaints already there instead of creating them again.
 */
export function importedComplaintId(profile: string, sourceId: string): string {
  return deterministicUuid('import', profile, sourceId);
}

export interface ReplayOptions {
  policy?: ComplaintPolicy;
  /**
   * Event and command ids (default random). Not derived from the record on purpose: the store then
   * refuses a second history for an existing stream (WrongExpectedRevisionError) instead of taking
   * it for a retry of the first, which tells "already there" from "written now" without a read.
   */
  newId?: () => string;
  /** The import job the events belong to (default: a new id per history). */
  correlationId?: string;
}

export function replayHistory(profile: string, plan: HistoryPlan, options: ReplayOptions = {}): ReplayedHistory {
  const { policy = defaultPolicy, newId = randomUUID } = options;
  const complaintId = importedComplaintId(profile, plan.sourceId);
  const correlationId = options.correlationId ?? newId();
  const events: NewEvent[] = [];
  let state = initialState;
  let previous = -Infinity;
  for (const [index, step] of plan.steps.entries()) {
    if (!(step.at.getTime() >= previous)) {
      throw new RowRejectedError(
        'STEPS_OUT_OF_ORDER',
        `the history's step ${index + 1} is earlier than the one before`,
      );
    }
    previous = step.at.getTime();
    const command = withComplaintId(step.command, complaintId);
    const causationId = newId();
    for (const event of decideStep(command, state, { now: step.at, actor: step.actor, policy })) {
      state = evolve(state, event);
      events.push({
        id: newId(),
        type: event.type,
        schemaVersion: EVENT_SCHEMA_VERSION[event.type],
        data: event.data,
        metadata: {
          actor: { id: step.actor.id, role: step.actor.role },
          correlationId,
          causationId,
          command: command.type,
          import: { profile, sourceId: plan.sourceId },
        },
      });
    }
  }
  return { complaintId, stream: streamNameFor(complaintId), events };
}

function withComplaintId(command: PlannedCommand, complaintId: string): ComplaintCommand {
  return command.type === 'ReceiveComplaint' ? { type: command.type, data: { ...command.data, complaintId } } : command;
}

function decideStep(...args: Parameters<typeof decide>) {
  try {
    return decide(...args);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new RowRejectedError('DOMAIN_REFUSED', `${args[0].type} refused: ${error.code} (${error.message})`);
  }
}
