import { ApiError } from '#platform/errors/api-error';
import { type AnalyticsScope, type Bucket, bucketsBetween } from '#read-models/analytics/index';
import type { AnalyticsPeriodQuery } from './analytics-query.dto.js';

/** About ten years: beyond that a statistic is an export, not a query. */
export const MAX_PERIOD_DAYS = 3660;
/** Rows per key an answer may have; a longer period needs a coarser bucket. */
export const MAX_BUCKETS = 400;
const DAY_MS = 86_400_000;

/** The validated query as the read model's scope; a period that is empty or too long is a 400. */
export function scopeOf(query: AnalyticsPeriodQuery & { by?: AnalyticsScope['by']; bucket?: Bucket }): AnalyticsScope {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (from.getTime() >= to.getTime()) {
    throw ApiError.badRequest('INVALID_TIME_RANGE', 'from must be earlier than to', { from: query.from, to: query.to });
  }
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw ApiError.badRequest('INVALID_TIME_RANGE', `The period may span at most ${MAX_PERIOD_DAYS} days`, {
      maxDays: MAX_PERIOD_DAYS,
    });
  }
  if (query.bucket && bucketsBetween(from, to, query.bucket).length > MAX_BUCKETS) {
    throw ApiError.badRequest('TOO_MANY_BUCKETS', `At most ${MAX_BUCKETS} buckets: choose a coarser bucket`, {
      maxBuckets: MAX_BUCKETS,
    });
  }
  const filter = {
    category: query.category,
    subcategory: query.subcategory,
    fishbone: query.fishbone,
    product: query.product,
    channel: query.channel,
    team: query.team,
  };
  return { from, to, by: query.by, bucket: query.bucket, filter };
}
