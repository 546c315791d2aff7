/**
 * What the SLA monitor reads: the agenda rows due at an instant, oldest first, in keyset pages over
 * the `sla_monitor_agenda_due` index (fire_at, complaint_id, kind, subject, handling) — a range scan
 * that touches the due rows only, however many future ones the agenda holds.
 */
import type { MonitorWorkKind } from '#domain';
import type pg from 'pg';

export interface DueWork {
  complaintId: string;
  kind: MonitorWorkKind;
  /** The SLA target, or the escalating signal. */
  subject: string;
  handling: number;
  fireAt: Date;
}

export interface SqlText {
  text: string;
  params: unknown[];
}

const COLUMNS = 'fire_at, complaint_id, kind, subject, handling';

/** The page of due work after `after` (exclusive), in the index's order. */
export function dueWorkSql(now: Date, limit: number, after?: DueWork): SqlText {
  const params: unknown[] = [now, limit];
  let keyset = '';
  if (after) {
    params.push(after.fireAt, after.complaintId, after.kind, after.subject, after.handling);
    keyset = `AND (${COLUMNS}) > ($3, $4::uuid, $5, $6, $7)`;
  }
  return {
    text: `SELECT ${COLUMNS} FROM sla_monitor_agenda WHERE fire_at <= $1 ${keyset} ORDER BY ${COLUMNS} LIMIT $2`,
    params,
  };
}

export async function listDueWork(
  db: Pick<pg.Pool, 'query'>,
  now: Date,
  limit: number,
  after?: DueWork,
): Promise<DueWork[]> {
  const { text, params } = dueWorkSql(now, limit, after);
  const { rows } = await db.query<{
    fire_at: Date;
    complaint_id: string;
    kind: MonitorWorkKind;
    subject: string;
    handling: number;
  }>(text, params);
  return rows.map((row) => ({
    complaintId: row.complaint_id,
    kind: row.kind,
    subject: row.subject,
    handling: row.handling,
    fireAt: row.fire_at,
  }));
}
