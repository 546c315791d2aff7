import type { Type } from '@nestjs/common';
import type { ApiHeaderOptions, HeadersObject } from '@nestjs/swagger';
import type { ComplaintEventType } from '#domain';
import type { ErrorExample } from '#platform/http/openapi/error-example';
import { EVENT_STORE_TIMEOUT } from '#platform/http/openapi/platform-errors.examples';
import { ApiWriteRoute, type RequestBodyDoc } from '#platform/http/openapi/route.decorators';
import { ComplaintErrors } from '../../openapi/api-errors.examples.js';
import { CommandAnswerDoc, commandAnswerExample } from './command-answer.doc.js';
import { Refusals } from './command-refusals.examples.js';

export interface CommandRouteDoc<T> {
  summary: string;
  description?: string;
  body: RequestBodyDoc<T>;
  /** The event a successful run appends. */
  appends: ComplaintEventType;
  /** The decider's refusals this step can meet (409 for the state, 422 for a rule). */
  refusals: readonly ErrorExample[];
  /** Receiving creates the complaint: 201 with its Location, no id in the path to check, nothing to find. */
  creates?: boolean;
  /** 201 for a step that creates something within the complaint (a compensation). */
  status?: 200 | 201;
  /** An answer with more than CommandAnswerDoc (the offer's compensationId). */
  answer?: { type: Type<unknown>; example: object };
}

const IF_MATCH: ApiHeaderOptions = {
  name: 'If-Match',
  required: false,
  description:
    'The revision the caller last saw (the ETag of an earlier answer, e.g. "3"): the command runs only ' +
    'if the complaint is still at it, else 412. Without it, a concurrent change is retried on the new state.',
  schema: { type: 'string' },
};

const ETAG: HeadersObject = {
  ETag: { description: 'The complaint’s revision after the command, for a later If-Match', schema: { type: 'string' } },
};

/** What any command on an existing complaint can meet, whatever the step. */
const STEP_ERRORS = [ComplaintErrors.INVALID_ID, ComplaintErrors.TEAM_NOT_ALLOWED, Refusals.COMPLAINT_NOT_FOUND];

const WRITE_ERRORS = [
  ComplaintErrors.INVALID_IF_MATCH,
  ComplaintErrors.CONCURRENCY_CONFLICT,
  ComplaintErrors.REVISION_MISMATCH,
  EVENT_STORE_TIMEOUT,
];

/**
 * A complaint command: the body and its example, the answer (the appended events and the new
 * revision), If-Match, and every error from the edge to the decider's refusals.
 */
export function ApiCommandRoute<T>(doc: CommandRouteDoc<T>): MethodDecorator {
  const revision = doc.creates ? 0 : 3;
  return ApiWriteRoute({
    summary: doc.summary,
    description: `${doc.description ? `${doc.description}\n\n` : ''}Appends ${doc.appends}.`,
    body: doc.body,
    headers: [IF_MATCH],
    answer: {
      status: doc.creates ? 201 : (doc.status ?? 200),
      description: doc.creates
        ? 'Received: the complaint exists now; Location names it'
        : 'Recorded: the events appended (none when the step changed nothing) and the new revision',
      headers: doc.creates
        ? { ...ETAG, Location: { description: '/complaints/{id}', schema: { type: 'string' } } }
        : ETAG,
      type: doc.answer?.type ?? CommandAnswerDoc,
      example: doc.answer?.example ?? commandAnswerExample(doc.appends, revision),
    },
    errors: [...doc.refusals, ...(doc.creates ? [] : STEP_ERRORS), ...WRITE_ERRORS],
  });
}
