import type { SlaHistory, SlaTarget } from '#domain';

/**
 * What a stored clock row says, from events alone. 'running' and 'paused' are the open clocks, whose
 * warning/breach are decided at query time against the clock; the others are final.
 */
export const STORED_CLOCK_STATES = ['running', 'paused', 'met', 'breached', 'stopped'] as const;
export type StoredClockState = (typeof STORED_CLOCK_STATES)[number];

/** One sla_clock row: one complaint × target (× handling, for resolve). Instants as ISO-8601 strings. */
export interface SlaClockRow {
  complaintId: string;
  target: SlaTarget;
  /** 1 for acknowledge and first response; the handling (1, 2 after a reopening, …) for resolve. */
  handling: number;
  policyId: string;
  targetMs: number;
  state: StoredClockState;
  startedAt: string;
  /** Null while paused before any breach: a paused clock has no due instant until it resumes. */
  dueAt: string | null;
  /** For a running clock: when the warning/breach will happen (or did); otherwise only if it happened. */
  warningAt: string | null;
  breachAt: string | null;
  /** Time spent paused, on the policy's clock; for a paused clock, up to `pausedSince` only. */
  pausedMs: number;
  pausedSince: string | null;
  /** Active time on the policy's clock, fixed once paused or ended; null while running (grows with now). */
  elapsedMs: number | null;
  metAt: string | null;
  metLate: boolean;
  stoppedAt: string | null;
  /** When the target's outcome became final (met or stopped): what compliance is bucketed by. */
  endedAt: string | null;
  priority: string | null;
  category: string | null;
  team: string | null;
  lastRevision: number;
}

/** Column order of the upsert; each entry: column, SQL array type, and how to read it from a row. */
export const CLOCK_COLUMNS: readonly [string, string, (row: SlaClockRow) => unknown][] = [
  ['complaint_id', 'uuid', (row) => row.complaintId],
  ['target', 'text', (row) => row.target],
  ['handling', 'integer', (row) => row.handling],
  ['policy_id', 'text', (row) => row.policyId],
  ['target_ms', 'bigint', (row) => row.targetMs],
  ['state', 'text', (row) => row.state],
  ['started_at', 'timestamptz', (row) => row.startedAt],
  ['due_at', 'timestamptz', (row) => row.dueAt],
  ['warning_at', 'timestamptz', (row) => row.warningAt],
  ['breach_at', 'timestamptz', (row) => row.breachAt],
  ['paused_ms', 'bigint', (row) => row.pausedMs],
  ['paused_since', 'timestamptz', (row) => row.pausedSince],
  ['elapsed_ms', 'bigint', (row) => row.elapsedMs],
  ['met_at', 'timestamptz', (row) => row.metAt],
  ['met_late', 'boolean', (row) => row.metLate],
  ['stopped_at', 'timestamptz', (row) => row.stoppedAt],
  ['ended_at', 'timestamptz', (row) => row.endedAt],
  ['priority', 'text', (row) => row.priority],
  ['category', 'text', (row) => row.category],
  ['team', 'text', (row) => row.team],
  ['last_revision', 'bigint', (row) => row.lastRevision],
];

/** A row as pg returns it (snake_case, Date objects, bigint as string). */
export type StoredRow = Record<string, unknown>;

export function clockRowFromStored(stored: StoredRow): SlaClockRow {
  const text = (column: string): string | null => (stored[column] == null ? null : String(stored[column]));
  const iso = (column: string): string | null =>
    stored[column] == null ? null : (stored[column] as Date).toISOString();
  return {
    complaintId: String(stored.complaint_id),
    target: stored.target as SlaTarget,
    handling: Number(stored.handling),
    policyId: String(stored.policy_id),
    targetMs: Number(stored.target_ms),
    state: stored.state as StoredClockState,
    startedAt: iso('started_at')!,
    dueAt: iso('due_at'),
    warningAt: iso('warning_at'),
    breachAt: iso('breach_at'),
    pausedMs: Number(stored.paused_ms),
    pausedSince: iso('paused_since'),
    elapsedMs: stored.elapsed_ms == null ? null : Number(stored.elapsed_ms),
    metAt: iso('met_at'),
    metLate: Boolean(stored.met_late),
    stoppedAt: iso('stopped_at'),
    endedAt: iso('ended_at'),
    priority: text('priority'),
    category: text('category'),
    team: text('team'),
    lastRevision: Number(stored.last_revision),
  };
}

/** One sla_complaint row: what the fold needs to recompute a complaint's clocks on its next event. */
export interface SlaComplaintState {
  complaintId: string;
  history: SlaHistory;
  team: string | null;
  lastRevision: number;
}
