import type { SlaHistory } from '#domain';

/**
 * What the queue fold keeps per complaint (one complaint_queue row): enough to fold the next event
 * (status, owner, the SLA history) and the derived placement the queue queries sort by.
 */
export interface QueueState {
  complaintId: string;
  status: string;
  /** Where ComplaintResumed returns to; set only while waiting on the customer. */
  statusBeforeWaiting: string | null;
  /** The assigned team, or until someone is assigned the category's default team (routing). */
  team: string | null;
  /** Null until the first assignment; never null again (every assigned complaint has an owner). */
  ownerId: string | null;
  escalationTier: number;
  /** The SLA clocks' input, folded by the domain's evolveSlaHistory (priority and category included). */
  slaHistory: SlaHistory;
  receivedAt: string;
  /** recordedAt of the last applied event (not the projector's clock: a rebuild gives the same rows). */
  updatedAt: string;
  /** The stream revision of the last applied event: every complaint event counts, so it is the stream's. */
  lastRevision: number;
}

/** Where a complaint stands in its queues; derived from QueueState by `placementOf`. */
export interface QueuePlacement {
  /** Open for agents (see QUEUED_STATUSES) and with a team. */
  queued: boolean;
  /** 1…4 for P1…P4; a complaint not yet prioritized ranks as the priority its SLA is held to. */
  priorityRank: number;
  /** The target whose due instant is nearest (or, while paused, with the least time left). */
  slaTarget: string | null;
  /** Null while paused, and when no clock runs. */
  slaDueAt: string | null;
  slaPaused: boolean;
  /** While paused: the nearest clock's time left, frozen. 0 otherwise. */
  pausedRemainingMs: number;
  /** Second sort key: slaDueAt, or 'infinity' (after every running complaint of the same priority). */
  dueKey: string;
}

export type QueueRow = QueueState & QueuePlacement;

/** Column order of the upsert; each entry: column, SQL array type, and how to read it from a row. */
export const QUEUE_COLUMNS: readonly [string, string, (row: QueueRow) => unknown][] = [
  ['complaint_id', 'uuid', (row) => row.complaintId],
  ['status', 'text', (row) => row.status],
  ['status_before_waiting', 'text', (row) => row.statusBeforeWaiting],
  ['queued', 'boolean', (row) => row.queued],
  ['team', 'text', (row) => row.team],
  ['owner_id', 'text', (row) => row.ownerId],
  ['category', 'text', (row) => row.slaHistory.category],
  ['priority', 'text', (row) => row.slaHistory.priority],
  ['priority_rank', 'smallint', (row) => row.priorityRank],
  ['escalation_tier', 'smallint', (row) => row.escalationTier],
  ['sla_target', 'text', (row) => row.slaTarget],
  ['sla_due_at', 'timestamptz', (row) => row.slaDueAt],
  ['sla_paused', 'boolean', (row) => row.slaPaused],
  ['paused_remaining_ms', 'bigint', (row) => row.pausedRemainingMs],
  ['due_key', 'timestamptz', (row) => row.dueKey],
  ['sla_history', 'jsonb', (row) => JSON.stringify(row.slaHistory)],
  ['received_at', 'timestamptz', (row) => row.receivedAt],
  ['updated_at', 'timestamptz', (row) => row.updatedAt],
  ['last_revision', 'bigint', (row) => row.lastRevision],
];

/** A row as pg returns it (snake_case, Date objects, bigint as string, jsonb parsed). */
export type StoredQueueRow = Record<string, unknown>;

export function stateFromStored(stored: StoredQueueRow): QueueState {
  const text = (column: string): string | null => (stored[column] == null ? null : String(stored[column]));
  return {
    complaintId: String(stored.complaint_id),
    status: String(stored.status),
    statusBeforeWaiting: text('status_before_waiting'),
    team: text('team'),
    ownerId: text('owner_id'),
    escalationTier: Number(stored.escalation_tier),
    slaHistory: stored.sla_history as SlaHistory,
    receivedAt: (stored.received_at as Date).toISOString(),
    updatedAt: (stored.updated_at as Date).toISOString(),
    lastRevision: Number(stored.last_revision),
  };
}
