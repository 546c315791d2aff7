/**
 * The errors the API's own handlers give (beyond the edge's and the decider's), as examples for the
 * OpenAPI document. Messages and details are those the handlers send.
 */
import { errorExample } from '#platform/http/openapi/error-example';

/** Path ids, complaints looked up by id, and the write side's concurrency checks. */
export const ComplaintErrors = {
  INVALID_ID: errorExample(400, 'INVALID_ID', 'The id in the path is not a UUID'),
  INVALID_IF_MATCH: errorExample(400, 'INVALID_IF_MATCH', 'If-Match must be a revision ETag such as "3"'),
  TEAM_NOT_ALLOWED: errorExample(
    403,
    'TEAM_NOT_ALLOWED',
    'This complaint belongs to team billing, not to one of yours',
  ),
  /** From the event store: the complaint has no events. */
  NOT_FOUND: errorExample(404, 'COMPLAINT_NOT_FOUND', 'No complaint has this id'),
  /** From a read model, which trails the write side by the projector's lag. */
  NOT_PROJECTED: errorExample(404, 'COMPLAINT_NOT_FOUND', 'No complaint has this id (or it is not projected yet)'),
  CONCURRENCY_CONFLICT: errorExample(
    409,
    'CONCURRENCY_CONFLICT',
    'The complaint kept changing while this command ran; try again',
  ),
  REVISION_MISMATCH: errorExample(
    412,
    'REVISION_MISMATCH',
    'The complaint has changed since the revision in If-Match',
    {
      expected: 3,
      actual: 5,
    },
  ),
} as const;

/** Paging and periods of the read side. */
export const ReadErrors = {
  TEAM_NOT_A_SLUG: errorExample(400, 'VALIDATION_FAILED', 'The request is not valid', [
    { field: 'team', problems: ['team must be a lower-case slug'] },
  ]),
  WITHIN_TOO_LONG: errorExample(400, 'VALIDATION_FAILED', 'The request is not valid', [
    { field: 'within', problems: ['within must be at most 90 days'] },
  ]),
  RECEIVED_RANGE: errorExample(400, 'VALIDATION_FAILED', 'The request is not valid', [
    { field: 'receivedTo', problems: ['receivedTo must not be before receivedFrom'] },
  ]),
  INVALID_CURSOR: errorExample(400, 'INVALID_CURSOR', 'The cursor is not one this list gave out'),
  INVALID_TIME_RANGE: errorExample(400, 'INVALID_TIME_RANGE', 'from must be earlier than to', {
    from: '2026-12-01',
    to: '2026-11-01',
  }),
  PERIOD_TOO_LONG: errorExample(400, 'INVALID_TIME_RANGE', 'The period may span at most 3660 days', { maxDays: 3660 }),
  TOO_MANY_BUCKETS: errorExample(400, 'TOO_MANY_BUCKETS', 'At most 400 buckets: choose a coarser bucket', {
    maxBuckets: 400,
  }),
  TOO_MANY_PERIODS: errorExample(400, 'TOO_MANY_BUCKETS', 'At most 400 periods: choose a longer period', {
    period: 'day',
  }),
} as const;

/** The team and agent queues. */
export const QueueErrors = {
  TEAM_NOT_ALLOWED: errorExample(403, 'TEAM_NOT_ALLOWED', "An agent works only on their own teams' complaints"),
  ACTOR_NOT_ALLOWED: errorExample(403, 'ACTOR_NOT_ALLOWED', 'An agent sees only their own queue'),
  QUEUE_EMPTY: errorExample(404, 'QUEUE_EMPTY', 'No unowned open complaint in the queue of quality'),
  CLAIM_CONTENDED: errorExample(
    409,
    'CLAIM_CONTENDED',
    'The complaints of this queue changed while claiming; try again',
    {
      tried: 5,
    },
  ),
} as const;

/** Time travel and the audit export. */
export const AuditErrors = {
  INVALID_HISTORY_POINT: errorExample(400, 'INVALID_HISTORY_POINT', 'Give exactly one of asOf or revision'),
  REVISION_NOT_FOUND: errorExample(404, 'REVISION_NOT_FOUND', 'The complaint has no revision 40 yet', {
    currentRevision: 15,
  }),
  COMPLAINT_NOT_YET_RECEIVED: errorExample(
    404,
    'COMPLAINT_NOT_YET_RECEIVED',
    'The complaint had not been received at that time',
    { receivedAt: '2026-11-08T09:12:44.120Z' },
  ),
  INVALID_STREAM: errorExample(
    400,
    'INVALID_STREAM',
    'stream must be a complaint id or a stream name like complaint-<id>',
  ),
  EXPORT_TIME_RANGE: errorExample(400, 'INVALID_TIME_RANGE', 'from must be earlier than to'),
  EXPORT_FEED_HELD_BACK: errorExample(
    503,
    'EXPORT_FEED_HELD_BACK',
    'The feed still hides events committed before the export started after 30000 ms: an older ' +
      'transaction on the database server is still open. Try again when it has ended.',
  ),
} as const;

/** The event feed and the published event schemas. */
export const FeedErrors = {
  INVALID_POSITION: errorExample(
    400,
    'INVALID_POSITION',
    'Last-Event-ID / after must be a position this feed sent (an event id: line), or "start"',
    { value: 'yesterday' },
  ),
  INVALID_EVENT_TYPE: errorExample(400, 'INVALID_EVENT_TYPE', 'types must be a comma-separated list of event types', {
    unknown: ['ComplaintDeleted'],
    known: ['ComplaintReceived', 'ComplaintAcknowledged', '…'],
  }),
  INVALID_CATEGORY: errorExample(400, 'INVALID_CATEGORY', 'Unknown category: weather'),
  PARAMETER_REPEATED: errorExample(400, 'VALIDATION_FAILED', 'The request is not valid', [
    { field: 'types', problems: ['types must be given once, at most 2000 characters'] },
  ]),
  UNKNOWN_PARAMETER: errorExample(400, 'UNKNOWN_QUERY_PARAMETER', 'The feed takes only after, types, category', {
    parameters: ['from'],
  }),
  SCHEMA_NOT_FOUND: errorExample(404, 'SCHEMA_NOT_FOUND', 'No schema for ComplaintDeleted version 1'),
} as const;

export const SubscriptionErrors = {
  NOT_FOUND: errorExample(404, 'SUBSCRIPTION_NOT_FOUND', 'No subscription 9b2f6d3e-8c1a-4f5b-a7e9-2d4c6b8a0f13'),
} as const;

export const CustomerErrors = {
  INVALID_CUSTOMER_ID: errorExample(
    400,
    'INVALID_CUSTOMER_ID',
    'The customer id must be 1 to 128 printable characters',
  ),
} as const;

export const HealthErrors = {
  NOT_READY: errorExample(503, 'NOT_READY', 'Not ready: projections', {
    checks: { database: 'up', eventStore: 'up', projections: 'down' },
    projections: [{ name: 'sla_clock', eventsBehind: 25000, secondsBehind: 48.2, withinLimits: false }],
  }),
} as const;
