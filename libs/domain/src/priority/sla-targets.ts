/**
 * Default service-level targets per priority (DOMAIN.md §3), in minutes. Data only: whether a
 * target runs on wall-clock or business time, and the pause while waiting on the customer, belong
 * to the SLA calendar, not to this table. Days here are 24-hour days of the chosen calendar.
 */
import type { Priority } from './priority.js';

export const SLA_TARGETS = ['acknowledge', 'first_response', 'resolve'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export type SlaTargetMinutes = Readonly<Record<SlaTarget, number>>;

const HOUR = 60;
const DAY = 24 * HOUR;

export const DEFAULT_SLA_TARGETS: Readonly<Record<Priority, SlaTargetMinutes>> = {
  // P1 defects: the product is suspended and a compensation plan exists within the 48 h.
  P1: { acknowledge: 1 * HOUR, first_response: 4 * HOUR, resolve: 48 * HOUR },
  P2: { acknowledge: 4 * HOUR, first_response: 24 * HOUR, resolve: 5 * DAY },
  P3: { acknowledge: 8 * HOUR, first_response: 48 * HOUR, resolve: 10 * DAY },
  // 15 days: the CFPB's response rule for companies.
  P4: { acknowledge: 24 * HOUR, first_response: 72 * HOUR, resolve: 15 * DAY },
};

/** A warning at 80 % of a target elapsed, a breach at 100 % (DOMAIN.md §3). */
export const SLA_WARNING_FRACTION = 0.8;
