import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type ComplaintEvent, type ComplaintState, fold, initialState, streamNameFor } from '#domain';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '#event-store';
import { ApiError } from '#platform/errors/api-error';
import { EVENT_STORE } from '#platform/event-store/event-store.module';

/** A point in a complaint's history: an instant, or a stream revision. */
export type HistoryPoint = { asOf: Date } | { revision: number };

export class GetComplaintStateAt {
  constructor(
    readonly complaintId: string,
    readonly point: HistoryPoint,
  ) {}
}

export interface ComplaintStateAt {
  complaintId: string;
  /** The revision the state stands at: the last event folded. */
  revision: number;
  /** When that event was recorded. */
  recordedAt: string;
  /** The instant asked for, when the point was given as a time. */
  asOf?: string;
  state: ComplaintState;
}

/**
 * Time travel: the complaint folded from its stored events (upcast to today's schema) up to the
 * point asked for, exactly as the command path folds it, so it is the state a command at that
 * moment would have been decided on.
 */
@QueryHandler(GetComplaintStateAt)
export class GetComplaintStateAtHandler implements IQueryHandler<GetComplaintStateAt, ComplaintStateAt> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ complaintId, point }: GetComplaintStateAt): Promise<ComplaintStateAt> {
    const stream = streamNameFor(complaintId);
    const options: ReadStreamOptions = 'asOf' in point ? { untilTime: point.asOf } : { toRevision: point.revision };
    const events = await this.store.readStream(stream, options);
    if (events.length === 0) throw await this.nothingAt(stream, point);
    const last = events.at(-1)!;
    if ('revision' in point && last.revision < point.revision) {
      throw new ApiError(404, 'REVISION_NOT_FOUND', `The complaint has no revision ${point.revision} yet`, {
        currentRevision: last.revision,
      });
    }
    return {
      complaintId,
      revision: last.revision,
      recordedAt: last.recordedAt.toISOString(),
      ...('asOf' in point ? { asOf: point.asOf.toISOString() } : {}),
      state: fold(events.map(toDomainEvent), initialState),
    };
  }

  /** Unknown complaint, or a time before it was received: two different answers. */
  private async nothingAt(stream: string, point: HistoryPoint): Promise<ApiError> {
    const [first] = 'asOf' in point ? await this.store.readStream(stream, { toRevision: 0 }) : [];
    if (!first) return ApiError.notFound('COMPLAINT_NOT_FOUND', 'No complaint has this id');
    return new ApiError(404, 'COMPLAINT_NOT_YET_RECEIVED', 'The complaint had not been received at that time', {
      receivedAt: first.recordedAt.toISOString(),
    });
  }
}

function toDomainEvent(event: RecordedEvent): ComplaintEvent {
  return { type: event.type, data: event.data } as ComplaintEvent;
}
