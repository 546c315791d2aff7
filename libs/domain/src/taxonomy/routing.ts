/**
 * Default routing 分派 (DOMAIN.md §2): which team a category goes to unless someone decides
 * otherwise. Team ids are lower-case slugs because the API accepts teams in that form.
 */
import type { Category } from './categories.js';

export const DEFAULT_TEAMS = ['quality', 'customer-service', 'technical', 'logistics', 'billing-compliance'] as const;
export type DefaultTeam = (typeof DEFAULT_TEAMS)[number];

export const DEFAULT_ROUTING: Record<Category, DefaultTeam> = {
  product_quality: 'quality',
  service: 'customer-service',
  technical_support: 'technical',
  delivery: 'logistics',
  transaction: 'billing-compliance',
  integrity: 'billing-compliance',
};

export function defaultTeamFor(category: Category): DefaultTeam {
  return DEFAULT_ROUTING[category];
}
