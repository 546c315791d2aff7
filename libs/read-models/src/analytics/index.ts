/** Root-cause statistics: the projection and its queries (read by apps/api/src/read/analytics). */
export {
  complaintAnalyticsProjection,
  COMPLAINT_ANALYTICS,
  COMPLAINT_FACTS,
  COMPENSATION_FACTS,
  COMPLAINT_DAILY_COUNTS,
} from './complaint-analytics.projection.js';
export { DIMENSIONS, type Dimension } from './dimensions.js';
export { BUCKETS, type Bucket, type AnalyticsFilter, type AnalyticsScope, bucketsBetween } from './analytics-scope.js';
export { complaintCauses, countComplaints, type CauseRow, type ComplaintCount } from './count-queries.js';
export { complaintPareto, VITAL_SHARE, type Pareto, type ParetoItem } from './pareto.js';
export { complaintTrends, type Trends, type TrendSeries, type TrendPoint } from './trends.js';
export {
  compensationStatistics,
  resolutionStatistics,
  satisfactionStatistics,
  type CompensationRow,
  type ResolutionRow,
  type SatisfactionRow,
} from './measure-queries.js';
