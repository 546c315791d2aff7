/**
 * Priority = severity × impact (DOMAIN.md §3). The matrix is data so that it can be read, tested
 * cell by cell, and later replaced by a configured one:
 *
 *                individual   group   public
 *   low             P4         P4       P3
 *   medium          P3         P3       P2
 *   high            P2         P2       P1
 *   critical        P1         P1       P1
 *
 * Why this shape: severity drives the priority; reaching the public (many people, visible exposure)
 * raises it one step, because the harm then spreads beyond the complainant. A group of affected
 * customers does not raise it by itself — the SLA escalation signals (repeat contacts, publicity)
 * catch a group that grows. A critical issue is P1 whoever it affects. A safety hazard is always P1,
 * whatever severity the triage agent picked, because a mistaken "low" must never delay it.
 */
import type { Subcategory } from '../taxonomy/categories.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const IMPACTS = ['individual', 'group', 'public'] as const;
export type Impact = (typeof IMPACTS)[number];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_MATRIX: Record<Severity, Record<Impact, Priority>> = {
  low: { individual: 'P4', group: 'P4', public: 'P3' },
  medium: { individual: 'P3', group: 'P3', public: 'P2' },
  high: { individual: 'P2', group: 'P2', public: 'P1' },
  critical: { individual: 'P1', group: 'P1', public: 'P1' },
};

/** Subcategories that are P1 whatever the severity and impact. */
export const ALWAYS_P1_SUBCATEGORIES: readonly Subcategory[] = ['safety_hazard'];

export interface PriorityInput {
  severity: Severity;
  impact: Impact;
  subcategory: string;
}

export function derivePriority({ severity, impact, subcategory }: PriorityInput): Priority {
  if ((ALWAYS_P1_SUBCATEGORIES as readonly string[]).includes(subcategory)) return 'P1';
  return PRIORITY_MATRIX[severity][impact];
}

/** P1 sorts first: the queue orders by priority, then by the nearest SLA due time. */
export function comparePriority(a: Priority, b: Priority): number {
  return PRIORITIES.indexOf(a) - PRIORITIES.indexOf(b);
}
