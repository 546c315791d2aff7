import type { ComplaintFacts } from './fact-rows.js';

/** What statistics can be broken down by; the API's `by` values. */
export const DIMENSIONS = ['category', 'subcategory', 'fishbone', 'product', 'channel', 'team'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The complaint_facts column behind each dimension. */
export const DIMENSION_COLUMN: Readonly<Record<Dimension, string>> = {
  category: 'category',
  subcategory: 'subcategory',
  fishbone: 'fishbone_class',
  product: 'product_ref',
  channel: 'channel',
  team: 'team',
};

const FACT_FIELD: Readonly<Record<Dimension, keyof ComplaintFacts>> = {
  category: 'category',
  subcategory: 'subcategory',
  fishbone: 'fishboneClass',
  product: 'productRef',
  channel: 'channel',
  team: 'team',
};

/** The complaint's key in a dimension; null while it has none (not categorized, no root cause yet…). */
export function keyOf(facts: ComplaintFacts, dimension: Dimension): string | null {
  const value = facts[FACT_FIELD[dimension]];
  return value == null ? null : String(value);
}

/** complaint_daily_counts stores "no key" as '' (part of the primary key, so not null). */
export const NO_KEY = '';
