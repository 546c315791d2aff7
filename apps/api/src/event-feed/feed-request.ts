import {
  type Category,
  COMPLAINT_EVENT_TYPES,
  type ComplaintEventType,
  isCategory,
  isComplaintEventType,
} from '#domain';
import { type EventStore, type Position, START } from '#event-store';
import { ApiError } from '#platform/errors/api-error';

/** What a subscriber asked for, validated. */
export interface FeedRequest {
  /** Deliver events after this position; undefined = from the head (live only). */
  after?: Position;
  /** Only these types; undefined = every type. */
  types?: ReadonlySet<ComplaintEventType>;
  /** Only events of complaints in this category (see category-filter.ts for the exact rule). */
  category?: Category;
}

export interface FeedQuery {
  after?: string;
  types?: string;
  category?: string;
}

const FEED_PARAMETERS = ['after', 'types', 'category'];
/** Every event type, comma-separated, fits well within this. */
const MAX_PARAMETER_LENGTH = 2000;

/**
 * `Last-Event-ID` wins over `?after=`: a browser's EventSource reconnects to the same URL (with the
 * original `after`) and adds the header, and resuming must continue from what it last received.
 */
export function parseFeedRequest(query: FeedQuery, lastEventId: string | undefined, store: EventStore): FeedRequest {
  checkParameters(query as Record<string, unknown>);
  const from = lastEventId?.trim() || query.after?.trim();
  return {
    after: from === undefined || from === '' ? undefined : validPosition(from, store),
    types: query.types === undefined ? undefined : validTypes(query.types),
    category: query.category === undefined ? undefined : validCategory(query.category),
  };
}

/** Like a DTO: unknown parameters, repeated ones (an array) and huge ones are a 400. */
function checkParameters(query: Record<string, unknown>): void {
  const unknown = Object.keys(query).filter((name) => !FEED_PARAMETERS.includes(name));
  if (unknown.length > 0) {
    throw ApiError.badRequest('UNKNOWN_QUERY_PARAMETER', `The feed takes only ${FEED_PARAMETERS.join(', ')}`, {
      parameters: unknown.slice(0, 10).map((name) => name.slice(0, 100)),
    });
  }
  const problems = FEED_PARAMETERS.filter((name) => query[name] !== undefined)
    .filter((name) => typeof query[name] !== 'string' || (query[name] as string).length > MAX_PARAMETER_LENGTH)
    .map((field) => ({ field, problems: [`${field} must be given once, at most ${MAX_PARAMETER_LENGTH} characters`] }));
  if (problems.length > 0) throw ApiError.badRequest('VALIDATION_FAILED', 'The request is not valid', problems);
}

/** Positions are opaque to the API; the adapter's own comparison tells a real one from garbage. */
function validPosition(value: string, store: EventStore): Position {
  let comparison: number;
  try {
    comparison = value === START ? 0 : store.comparePositions(value, START);
  } catch {
    comparison = Number.NaN;
  }
  if (value.length > 200 || !Number.isFinite(comparison)) {
    throw ApiError.badRequest(
      'INVALID_POSITION',
      'Last-Event-ID / after must be a position this feed sent (an event id: line), or "start"',
      { value: value.slice(0, 200) },
    );
  }
  return value;
}

function validTypes(value: string): ReadonlySet<ComplaintEventType> {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !isComplaintEventType(name));
  if (names.length === 0 || unknown.length > 0) {
    throw ApiError.badRequest('INVALID_EVENT_TYPE', 'types must be a comma-separated list of event types', {
      unknown,
      known: COMPLAINT_EVENT_TYPES,
    });
  }
  return new Set(names as ComplaintEventType[]);
}

function validCategory(value: string): Category {
  if (!isCategory(value)) throw ApiError.badRequest('INVALID_CATEGORY', `Unknown category: ${value.slice(0, 100)}`);
  return value;
}
