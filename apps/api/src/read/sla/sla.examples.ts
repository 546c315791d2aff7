/** One answer per SLA route, for the OpenAPI document: the example complaint's clocks. */
import type { ComplaintSlaView, ComplianceReport, SlaClockPage, SlaClockView } from '#read-models/sla/index';
import { EXAMPLE_COMPLAINT_ID } from '../../openapi/example-values.js';

const AS_OF = '2026-11-08T15:00:00.000Z';

const ACKNOWLEDGE_CLOCK: SlaClockView = {
  complaintId: EXAMPLE_COMPLAINT_ID,
  target: 'acknowledge',
  handling: 1,
  policyId: 'default-P2',
  state: 'met',
  targetMs: 14400000,
  startedAt: '2026-11-08T09:12:44.120Z',
  dueAt: '2026-11-08T13:12:44.120Z',
  warningAt: '2026-11-08T12:24:44.120Z',
  breachAt: '2026-11-08T13:12:44.120Z',
  metAt: '2026-11-08T09:40:02.310Z',
  metLate: false,
  stoppedAt: null,
  pausedMs: 0,
  elapsedMs: 1638190,
  remainingMs: 12761810,
  priority: 'P2',
  category: 'product_quality',
  team: 'quality',
};

const RESOLVE_CLOCK: SlaClockView = {
  ...ACKNOWLEDGE_CLOCK,
  target: 'resolve',
  state: 'running',
  targetMs: 432000000,
  dueAt: '2026-11-13T09:12:44.120Z',
  warningAt: '2026-11-12T09:12:44.120Z',
  breachAt: '2026-11-13T09:12:44.120Z',
  metAt: null,
  elapsedMs: 20835880,
  remainingMs: 411164120,
};

const BREACHED_CLOCK: SlaClockView = {
  ...ACKNOWLEDGE_CLOCK,
  target: 'first_response',
  state: 'breached',
  targetMs: 86400000,
  dueAt: '2026-11-09T09:12:44.120Z',
  warningAt: '2026-11-09T04:24:44.120Z',
  breachAt: '2026-11-09T09:12:44.120Z',
  metAt: null,
  elapsedMs: 107835880,
  remainingMs: -21435880,
};

export const COMPLAINT_SLA_EXAMPLE: ComplaintSlaView = {
  complaintId: EXAMPLE_COMPLAINT_ID,
  asOf: AS_OF,
  clocks: [ACKNOWLEDGE_CLOCK, RESOLVE_CLOCK],
};

export const BREACHES_EXAMPLE: SlaClockPage = {
  asOf: '2026-11-09T15:09:40.000Z',
  items: [BREACHED_CLOCK],
  nextCursor: null,
};

export const DUE_EXAMPLE: SlaClockPage = { asOf: AS_OF, items: [RESOLVE_CLOCK], nextCursor: null };

export const COMPLIANCE_EXAMPLE: ComplianceReport = {
  groupBy: 'team',
  period: 'month',
  from: '2026-10-31T23:00:00.000Z',
  to: '2026-11-30T23:00:00.000Z',
  timeZone: 'Europe/Berlin',
  buckets: [
    {
      period: '2026-11-01',
      group: 'quality',
      targets: {
        acknowledge: { closedOut: 40, metOnTime: 38, metLate: 2, missed: 0, stoppedInTime: 1, rate: 0.95 },
        first_response: { closedOut: 39, metOnTime: 33, metLate: 4, missed: 2, stoppedInTime: 1, rate: 0.8462 },
        resolve: { closedOut: 31, metOnTime: 27, metLate: 3, missed: 1, stoppedInTime: 4, rate: 0.871 },
      },
    },
  ],
};
