import { InMemoryEventStore } from '#event-store';
import { ApiError } from '#platform/errors/api-error';
import { type FeedQuery, parseFeedRequest } from './feed-request.js';

const store = new InMemoryEventStore();

function refusal(query: Record<string, unknown>): { code: string; details: unknown } | undefined {
  try {
    parseFeedRequest(query as FeedQuery, undefined, store);
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { code: error.code, details: error.details };
  }
}

describe('the event feed validates its query like a DTO', () => {
  test('known parameters given once are accepted', () => {
    expect(refusal({ after: 'start', types: 'ComplaintReceived', category: 'product_quality' })).toBeUndefined();
  });

  test('an unknown parameter is a 400 UNKNOWN_QUERY_PARAMETER naming it', () => {
    expect(refusal({ after: 'start', since: 'yesterday' })).toEqual({
      code: 'UNKNOWN_QUERY_PARAMETER',
      details: { parameters: ['since'] },
    });
  });

  test('a repeated parameter (an array) is a 400, not a crash on a string method', () => {
    expect(refusal({ after: ['start', 'start'] })?.code).toBe('VALIDATION_FAILED');
    expect(refusal({ types: ['ComplaintReceived', 'ComplaintClosed'] })?.code).toBe('VALIDATION_FAILED');
  });

  test('a parameter longer than any real one is refused before it is parsed', () => {
    expect(refusal({ types: 'ComplaintReceived,'.repeat(200) })).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'types' }],
    });
  });
});
