/** The analytics read model's rows as the fold works with them (dates as ISO-8601 strings). */

/** One complaint: its dimensions as they are now, and its measures. */
export interface ComplaintFacts {
  complaintId: string;
  receivedAt: string;
  channel: string;
  productRef: string | null;
  category: string | null;
  subcategory: string | null;
  /** Of the latest root-cause analysis. */
  fishboneClass: string | null;
  team: string | null;
  /** The first time it was resolved or closed (the denominator of the reopen rate). */
  firstConcludedAt: string | null;
  firstResolvedAt: string | null;
  /** The resolution in force: cleared by a reopening, set again by the next resolution. */
  resolvedAt: string | null;
  reopenCount: number;
  /** The fold's memory: a contact was logged or the complaint waited on the customer. */
  followedUp: boolean;
  /** null until first resolved; true if that resolution needed no further exchange and stood. */
  firstContactResolution: boolean | null;
  /** The customer's latest answer (1–5) and outcome. */
  satisfaction: number | null;
  customerOutcome: string | null;
  lastRevision: number;
}

/** One compensation of a complaint; amounts in the currency's minor unit. */
export interface CompensationFact {
  complaintId: string;
  compensationId: string;
  kind: string;
  currency: string;
  offeredAmount: number;
  requiresApproval: boolean;
  approvedAmount: number | null;
  paidAmount: number;
  declined: boolean;
  /** Revision of the complaint event that last changed this compensation. */
  lastRevision: number;
}

type Column<Row> = readonly [column: string, sqlType: string, read: (row: Row) => unknown];

/** Column order of the upserts; each entry: column, SQL array type, and how to read it from a row. */
export const FACT_COLUMNS: readonly Column<ComplaintFacts>[] = [
  ['complaint_id', 'uuid', (row) => row.complaintId],
  ['received_at', 'timestamptz', (row) => row.receivedAt],
  ['channel', 'text', (row) => row.channel],
  ['product_ref', 'text', (row) => row.productRef],
  ['category', 'text', (row) => row.category],
  ['subcategory', 'text', (row) => row.subcategory],
  ['fishbone_class', 'text', (row) => row.fishboneClass],
  ['team', 'text', (row) => row.team],
  ['first_concluded_at', 'timestamptz', (row) => row.firstConcludedAt],
  ['first_resolved_at', 'timestamptz', (row) => row.firstResolvedAt],
  ['resolved_at', 'timestamptz', (row) => row.resolvedAt],
  ['reopen_count', 'integer', (row) => row.reopenCount],
  ['followed_up', 'boolean', (row) => row.followedUp],
  ['first_contact_resolution', 'boolean', (row) => row.firstContactResolution],
  ['satisfaction', 'smallint', (row) => row.satisfaction],
  ['customer_outcome', 'text', (row) => row.customerOutcome],
  ['last_revision', 'bigint', (row) => row.lastRevision],
];

export const COMPENSATION_COLUMNS: readonly Column<CompensationFact>[] = [
  ['complaint_id', 'uuid', (row) => row.complaintId],
  ['compensation_id', 'text', (row) => row.compensationId],
  ['kind', 'text', (row) => row.kind],
  ['currency', 'text', (row) => row.currency],
  ['offered_amount', 'bigint', (row) => row.offeredAmount],
  ['requires_approval', 'boolean', (row) => row.requiresApproval],
  ['approved_amount', 'bigint', (row) => row.approvedAmount],
  ['paid_amount', 'bigint', (row) => row.paidAmount],
  ['declined', 'boolean', (row) => row.declined],
  ['last_revision', 'bigint', (row) => row.lastRevision],
];

/** A row as pg returns it (snake_case, Date objects, bigint as string). */
export type StoredRow = Record<string, unknown>;

const text = (stored: StoredRow, column: string): string | null =>
  stored[column] == null ? null : String(stored[column]);
const iso = (stored: StoredRow, column: string): string | null =>
  stored[column] == null ? null : (stored[column] as Date).toISOString();
const count = (stored: StoredRow, column: string): number | null =>
  stored[column] == null ? null : Number(stored[column]);

export function factsFromStored(stored: StoredRow): ComplaintFacts {
  return {
    complaintId: String(stored.complaint_id),
    receivedAt: iso(stored, 'received_at')!,
    channel: String(stored.channel),
    productRef: text(stored, 'product_ref'),
    category: text(stored, 'category'),
    subcategory: text(stored, 'subcategory'),
    fishboneClass: text(stored, 'fishbone_class'),
    team: text(stored, 'team'),
    firstConcludedAt: iso(stored, 'first_concluded_at'),
    firstResolvedAt: iso(stored, 'first_resolved_at'),
    resolvedAt: iso(stored, 'resolved_at'),
    reopenCount: Number(stored.reopen_count),
    followedUp: stored.followed_up === true,
    firstContactResolution: stored.first_contact_resolution == null ? null : stored.first_contact_resolution === true,
    satisfaction: count(stored, 'satisfaction'),
    customerOutcome: text(stored, 'customer_outcome'),
    lastRevision: Number(stored.last_revision),
  };
}

export function compensationFromStored(stored: StoredRow): CompensationFact {
  return {
    complaintId: String(stored.complaint_id),
    compensationId: String(stored.compensation_id),
    kind: String(stored.kind),
    currency: String(stored.currency),
    offeredAmount: Number(stored.offered_amount),
    requiresApproval: stored.requires_approval === true,
    approvedAmount: count(stored, 'approved_amount'),
    paidAmount: Number(stored.paid_amount),
    declined: stored.declined === true,
    lastRevision: Number(stored.last_revision),
  };
}
