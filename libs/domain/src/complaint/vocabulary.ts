/** The closed sets of values that complaint commands and events carry, besides the taxonomy. */
import type { SlaTarget } from '../priority/sla-targets.js';

export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];

export const CUSTOMER_MOODS = ['calm', 'anxious', 'frustrated', 'angry', 'satisfied'] as const;
export type CustomerMood = (typeof CUSTOMER_MOODS)[number];

/** Tier 0 means "not escalated"; commands may only ask for 1…4. */
export const ESCALATION_TIERS = [1, 2, 3, 4] as const;
export type EscalationTier = (typeof ESCALATION_TIERS)[number];
export const MAX_ESCALATION_TIER: EscalationTier = 4;

export const ESCALATION_REASONS = [
  'sla-breach',
  'safety',
  'public-exposure',
  'regulator',
  'repeat-contact',
  'dispute',
  'manual',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * The reason the automatic escalation of an SLA breach records: `sla-breach:<target>`, so whoever
 * takes the complaint at the new tier sees which promise was broken. Only the decider writes these
 * (RecordSlaBreach); a person escalating by hand states one of ESCALATION_REASONS.
 */
export const SLA_BREACH_REASONS = [
  'sla-breach:acknowledge',
  'sla-breach:first_response',
  'sla-breach:resolve',
] as const satisfies readonly `sla-breach:${SlaTarget}`[];
export type SlaBreachReason = (typeof SLA_BREACH_REASONS)[number];

/** Every reason a ComplaintEscalated event may carry. */
export const RECORDED_ESCALATION_REASONS = [...ESCALATION_REASONS, ...SLA_BREACH_REASONS] as const;
export type RecordedEscalationReason = (typeof RECORDED_ESCALATION_REASONS)[number];

export function slaBreachReason(target: SlaTarget): SlaBreachReason {
  return `sla-breach:${target}`;
}

export const COMPENSATION_KINDS = [
  'refund',
  'discount',
  'voucher',
  'replacement',
  'repair',
  'extra_service',
  'goodwill',
] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

export const CUSTOMER_OUTCOMES = ['confirmed', 'disputed'] as const;
export type CustomerOutcome = (typeof CUSTOMER_OUTCOMES)[number];

/**
 * Why a complaint was closed. Only `resolved` describes a complaint whose resolution stands; every
 * other code is the explicit reason DOMAIN.md demands for closing an unresolved complaint.
 * - `final_response`: the company's final position was given though the customer disputes it
 *   (the customer may take it to a regulator or ombudsman).
 * - `referred`: handed over to a third party (regulator, partner, court) that handles it from here.
 */
export const CLOSURE_CODES = [
  'resolved',
  'withdrawn',
  'duplicate',
  'unfounded',
  'no_response',
  'final_response',
  'referred',
] as const;
export type ClosureCode = (typeof CLOSURE_CODES)[number];

export const SLA_FACT_KINDS = ['warning', 'breach'] as const;
export type SlaFactKind = (typeof SLA_FACT_KINDS)[number];

export const ISO_CURRENCY = /^[A-Z]{3}$/;
export const MIN_SATISFACTION = 1;
export const MAX_SATISFACTION = 5;
