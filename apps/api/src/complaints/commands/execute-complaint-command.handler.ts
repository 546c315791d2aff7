import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  type ComplaintEvent,
  type ComplaintPolicy,
  decide,
  defaultPolicy,
  EVENT_SCHEMA_VERSION,
  fold,
  initialState,
  streamNameFor,
} from '#domain';
import { type EventStore, type NewEvent, type RecordedEvent, WrongExpectedRevisionError } from '#event-store';
import { ApiError } from '#platform/errors/api-error';
import { deterministicUuid } from '#platform/ids/deterministic-uuid';
import { CommandMetrics } from '#platform/metrics/command-metrics';
import { CLOCK, type Clock } from '#platform/time/clock';
import { EVENT_STORE } from '#platform/event-store/event-store.module';
import { COMMAND_RETRIES, COMPLAINT_POLICY } from '../complaints.tokens.js';
import { rethrowAsApiError } from './domain-error.mapping.js';
import { type CommandOutcome, ExecuteComplaintCommand } from './execute-complaint-command.js';
import { assertMayActOn } from './team-access.js';

/**
 * Read the stream → fold → decide → append with the revision that was read. Losing a race for the
 * stream re-runs the whole cycle on the new state, a bounded number of times; then 409.
 */
@CommandHandler(ExecuteComplaintCommand)
export class ExecuteComplaintCommandHandler implements ICommandHandler<ExecuteComplaintCommand, CommandOutcome> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMMAND_RETRIES) private readonly retries: number,
    private readonly metrics: CommandMetrics,
    @Optional() @Inject(COMPLAINT_POLICY) private readonly policy: ComplaintPolicy = defaultPolicy,
  ) {}

  /** Every run is timed in complaint_command_duration_seconds{command, outcome}. */
  execute(command: ExecuteComplaintCommand): Promise<CommandOutcome> {
    return this.metrics.measure(command.command.type, () => this.run(command));
  }

  private async run(command: ExecuteComplaintCommand): Promise<CommandOutcome> {
    if (command.command.type === 'ReceiveComplaint') {
      const created = await this.tryCreate(command);
      if (created) return created;
    }
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      try {
        return await this.attempt(command);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (command.request.expectedRevision !== undefined) throw staleRevision(command, error.actual);
      }
    }
    throw ApiError.conflict('CONCURRENCY_CONFLICT', 'The complaint kept changing while this command ran; try again');
  }

  /** A new complaint cannot have a history: skip the read, and let the store refuse a duplicate. */
  private async tryCreate(command: ExecuteComplaintCommand): Promise<CommandOutcome | undefined> {
    if (command.request.expectedRevision !== undefined) return undefined;
    try {
      return await this.decideAndAppend(command, -1, []);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) return undefined;
      throw error;
    }
  }

  private async attempt(command: ExecuteComplaintCommand): Promise<CommandOutcome> {
    const history = await this.store.readStream(streamNameFor(command.complaintId));
    const earlier = findEarlierAttempt(command, history);
    if (earlier) return earlier;
    const revision = history.length - 1;
    const expected = command.request.expectedRevision;
    if (expected !== undefined && expected !== revision) throw staleRevision(command, revision);
    return this.decideAndAppend(command, revision, history);
  }

  private async decideAndAppend(
    command: ExecuteComplaintCommand,
    revision: number,
    history: RecordedEvent[],
  ): Promise<CommandOutcome> {
    const state = fold(history.map(toDomainEvent), initialState);
    const { caller } = command.request;
    assertMayActOn(state, caller);
    let decided: ComplaintEvent[] = [];
    try {
      decided = decide(command.command, state, { now: this.clock.now(), actor: caller, policy: this.policy });
    } catch (error) {
      rethrowAsApiError(error);
    }
    if (decided.length === 0) return { complaintId: command.complaintId, revision, events: [] };
    const events = toNewEvents(command, decided);
    const stream = streamNameFor(command.complaintId);
    const appended = await this.store.append(stream, events, revision === -1 ? 'no_stream' : revision);
    return { complaintId: command.complaintId, revision: appended.nextRevision, events: events.map(summary) };
  }
}

function toDomainEvent(event: RecordedEvent): ComplaintEvent {
  return { type: event.type, data: event.data } as ComplaintEvent;
}

function toNewEvents(command: ExecuteComplaintCommand, decided: ComplaintEvent[]): NewEvent[] {
  const { caller, correlationId } = command.request;
  const commandId = commandIdOf(command);
  return decided.map((event, index) => ({
    id: eventIdOf(command, index),
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSION[event.type],
    data: event.data,
    metadata: {
      actor: { id: caller.id, role: caller.role },
      correlationId,
      causationId: commandId,
      command: command.command.type,
    },
  }));
}

/**
 * With an Idempotency-Key the ids are derived from it: if a previous run of this very request
 * stored its events and then died before answering, the retry finds them and answers from them.
 */
function findEarlierAttempt(command: ExecuteComplaintCommand, history: RecordedEvent[]): CommandOutcome | undefined {
  if (!command.request.idempotency) return undefined;
  const firstId = eventIdOf(command, 0);
  const start = history.findIndex((event) => event.id === firstId);
  if (start === -1) return undefined;
  const causation = history[start]!.metadata.causationId;
  const ours = history.slice(start).filter((event) => event.metadata.causationId === causation);
  return { complaintId: command.complaintId, revision: ours.at(-1)!.revision, events: ours.map(summary) };
}

function eventIdOf(command: ExecuteComplaintCommand, index: number): string {
  const idempotency = command.request.idempotency;
  return idempotency
    ? deterministicUuid(idempotency.key, idempotency.fingerprint, 'event', String(index))
    : randomUUID();
}

function commandIdOf(command: ExecuteComplaintCommand): string {
  const idempotency = command.request.idempotency;
  return idempotency ? deterministicUuid(idempotency.key, idempotency.fingerprint, 'command') : randomUUID();
}

function summary(event: { id: string; type: string }) {
  return { id: event.id, type: event.type };
}

function staleRevision(command: ExecuteComplaintCommand, actual: number): ApiError {
  return ApiError.preconditionFailed('REVISION_MISMATCH', 'The complaint has changed since the revision in If-Match', {
    expected: command.request.expectedRevision,
    actual,
  });
}
