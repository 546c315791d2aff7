import { ProjectionCheckpoints1732400000000 } from './1732400000000-projection-checkpoints.js';
import { ComplaintSummary1732400000100 } from './1732400000100-complaint-summary.js';
import { ComplaintAnalytics1732400000500 } from './1732400000500-complaint-analytics.js';
import { SlaClocks1732400000350 } from './1732400000350-sla-clocks.js';
import { ComplaintQueue1732400000400 } from './1732400000400-complaint-queue.js';
import { SlaMonitor1732400000600 } from './1732400000600-sla-monitor.js';

/** The read side's schema, in order; part of productMigrations. */
export const readModelMigrations = [
  ProjectionCheckpoints1732400000000,
  ComplaintSummary1732400000100,
  SlaClocks1732400000350,
  ComplaintQueue1732400000400,
  ComplaintAnalytics1732400000500,
  SlaMonitor1732400000600,
];
