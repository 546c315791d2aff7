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
export const supervisor = { 'x-actor-id': 'sup-1', 'x-actor-role': 'supervisor' };
export const agent = { 'x-actor-id': 'agent-7', 'x-actor-role': 'agent' };
