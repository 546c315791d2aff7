/** One complaint_summary row as the fold works with it (dates as ISO-8601 strings). */
export interface SummaryRow {
  complaintId: string;
  status: string;
  /** Where ComplaintResumed returns to; set only while waiting on the customer. */
  statusBeforeWaiting: string | null;
  channel: string;
  customerId: string;
  productRef: string | null;
  category: string | null;
  subcategory: string | null;
  severity: string | null;
  impact: string | null;
  priority: string | null;
  team: string | null;
  ownerId: string | null;
  escalationTier: number;
  reopenCount: number;
  receivedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** recordedAt of the last applied event (not the projector's clock: a rebuild gives the same rows). */
  updatedAt: string;
  lastRevision: number;
}

/** Column order of the upsert; each entry: column, SQL array type, and how to read it from a row. */
export const SUMMARY_COLUMNS: readonly [string, string, (row: SummaryRow) => unknown][] = [
  ['complaint_id', 'uuid', (row) => row.complaintId],
  ['status', 'text', (row) => row.status],
  ['status_before_waiting', 'text', (row) => row.statusBeforeWaiting],
  ['channel', 'text', (row) => row.channel],
  ['customer_id', 'text', (row) => row.customerId],
  ['product_ref', 'text', (row) => row.productRef],
  ['category', 'text', (row) => row.category],
  ['subcategory', 'text', (row) => row.subcategory],
  ['severity', 'text', (row) => row.severity],
  ['impact', 'text', (row) => row.impact],
  ['priority', 'text', (row) => row.priority],
  ['team', 'text', (row) => row.team],
  ['owner_id', 'text', (row) => row.ownerId],
  ['escalation_tier', 'smallint', (row) => row.escalationTier],
  ['reopen_count', 'integer', (row) => row.reopenCount],
  ['received_at', 'timestamptz', (row) => row.receivedAt],
  ['acknowledged_at', 'timestamptz', (row) => row.acknowledgedAt],
  ['resolved_at', 'timestamptz', (row) => row.resolvedAt],
  ['closed_at', 'timestamptz', (row) => row.closedAt],
  ['updated_at', 'timestamptz', (row) => row.updatedAt],
  ['last_revision', 'bigint', (row) => row.lastRevision],
];

/** A row as pg returns it (snake_case, Date objects, bigint as string). */
export type StoredSummaryRow = Record<string, unknown>;

export function fromStored(stored: StoredSummaryRow): SummaryRow {
  const text = (column: string): string | null => (stored[column] == null ? null : String(stored[column]));
  const iso = (column: string): string | null =>
    stored[column] == null ? null : (stored[column] as Date).toISOString();
  return {
    complaintId: String(stored.complaint_id),
    status: String(stored.status),
    statusBeforeWaiting: text('status_before_waiting'),
    channel: String(stored.channel),
    customerId: String(stored.customer_id),
    productRef: text('product_ref'),
    category: text('category'),
    subcategory: text('subcategory'),
    severity: text('severity'),
    impact: text('impact'),
    priority: text('priority'),
    team: text('team'),
    ownerId: text('owner_id'),
    escalationTier: Number(stored.escalation_tier),
    reopenCount: Number(stored.reopen_count),
    receivedAt: iso('received_at')!,
    acknowledgedAt: iso('acknowledged_at'),
    resolvedAt: iso('resolved_at'),
    closedAt: iso('closed_at'),
    updatedAt: iso('updated_at')!,
    lastRevision: Number(stored.last_revision),
  };
}
