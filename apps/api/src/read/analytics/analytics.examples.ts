/** One answer per analytics route, for the OpenAPI document: a quarter of complaints, by month. */
import type { CompensationAnswer, ResolutionAnswer, SatisfactionAnswer } from './analytics-measure-views.js';
import type { CausesAnswer, ParetoAnswer, TrendsAnswer } from './analytics-views.js';

const PERIOD = { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

export const CAUSES_EXAMPLE: CausesAnswer = {
  ...PERIOD,
  by: 'category',
  bucket: 'month',
  rows: [
    { bucket: '2026-01-01', key: 'product_quality', complaints: 42, share: 0.6 },
    { bucket: '2026-01-01', key: 'delivery', complaints: 28, share: 0.4 },
  ],
};

export const PARETO_EXAMPLE: ParetoAnswer = {
  ...PERIOD,
  by: 'fishbone',
  complaints: 120,
  unclassified: 20,
  items: [
    { key: 'material', complaints: 55, share: 0.55, cumulativeShare: 0.55, vital: true },
    { key: 'method', complaints: 30, share: 0.3, cumulativeShare: 0.85, vital: true },
    { key: 'man', complaints: 15, share: 0.15, cumulativeShare: 1, vital: false },
  ],
};

export const TRENDS_EXAMPLE: TrendsAnswer = {
  from: '2026-01-01',
  to: '2026-04-01',
  previousFrom: '2025-10-01',
  bucket: 'month',
  by: 'category',
  series: [
    {
      key: 'product_quality',
      complaints: 120,
      previousComplaints: 96,
      change: 24,
      changeRatio: 0.25,
      points: [
        { bucket: '2026-01-01', complaints: 42, change: 6, changeRatio: 0.1667 },
        { bucket: '2026-02-01', complaints: 38, change: -4, changeRatio: -0.0952 },
        { bucket: '2026-03-01', complaints: 40, change: 2, changeRatio: 0.0526 },
      ],
    },
  ],
};

export const RESOLUTION_EXAMPLE: ResolutionAnswer = {
  ...PERIOD,
  by: 'team',
  bucket: null,
  rows: [
    {
      bucket: null,
      key: 'quality',
      complaints: 120,
      concluded: 100,
      reopened: 8,
      reopenRate: 0.08,
      everResolved: 95,
      firstContactResolutions: 31,
      firstContactResolutionRate: 0.3263,
      resolved: 90,
      meanSecondsToResolve: 259200,
      medianSecondsToResolve: 201600,
    },
  ],
};

export const COMPENSATION_EXAMPLE: CompensationAnswer = {
  ...PERIOD,
  by: null,
  bucket: null,
  rows: [
    {
      bucket: null,
      key: null,
      kind: 'refund',
      currency: 'EUR',
      compensations: 14,
      declined: 2,
      offered: 69986,
      payable: 59988,
      paid: 54989,
    },
  ],
};

export const SATISFACTION_EXAMPLE: SatisfactionAnswer = {
  ...PERIOD,
  by: 'channel',
  bucket: null,
  rows: [
    {
      bucket: null,
      key: 'email',
      responses: 64,
      averageSatisfaction: 4.1,
      satisfied: 50,
      csat: 0.7813,
      confirmed: 58,
      disputed: 6,
    },
  ],
};
