import { bearer } from './auth.js';

/** Request bodies for the complaint API, valid unless a test changes them. */
export const intake = (overrides: Record<string, unknown> = {}) => ({
  channel: 'email',
  customer: { id: 'cust-1001', name: 'Li Wei', email: 'li.wei@example.com', phone: '+86 10 5555 0101' },
  subject: 'Kettle stopped working after a week',
  description: 'The kettle no longer heats. The base light blinks red. Bought 2026-11-01, order A-77.',
  productRef: 'KT-200',
  orderRef: 'A-77',
  occurredAt: '2026-11-08T09:00:00.000Z',
  remedySought: 'Replacement or refund',
  intensity: 'passive',
  purpose: 'criticism',
  ...overrides,
});

export const categorization = {
  category: 'product_quality',
  subcategory: 'manufacturing_defect',
  severity: 'high',
  impact: 'individual',
};
export const assignment = { team: 'quality', ownerId: 'agent-7' };

/** Callers, as the headers that authenticate them (bearer tokens signed with the test secret). */
export const supervisor = bearer('sup-1', 'supervisor');
/** agent-7 works for the quality team, the team product_quality complaints go to. */
export const agent = bearer('agent-7', 'agent', ['quality']);
export const auditor = bearer('aud-1', 'auditor');
export const analyst = bearer('analyst-1', 'analyst');
export const service = bearer('svc-1', 'service');
export const admin = bearer('admin-1', 'admin');
