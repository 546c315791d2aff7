import { type Position, START } from '#event-store';
import type pg from 'pg';

export interface Checkpoint {
  name: string;
  projection: string;
  version: number;
  position: Position;
  eventsApplied: number;
  /** recordedAt of the newest applied event; null before the first. */
  lastEventAt: Date | null;
  updatedAt: Date;
}

type Queryable = Pick<pg.ClientBase, 'query'>;

interface CheckpointRow {
  name: string;
  projection: string;
  version: number;
  position: string;
  events_applied: string;
  last_event_at: Date | null;
  updated_at: Date;
}

const toCheckpoint = (row: CheckpointRow): Checkpoint => ({
  name: row.name,
  projection: row.projection,
  version: row.version,
  position: row.position,
  eventsApplied: Number(row.events_applied),
  lastEventAt: row.last_event_at,
  updatedAt: row.updated_at,
});

/** The checkpoint, created at the start of the feed on first use. */
export async function ensureCheckpoint(
  db: Queryable,
  name: string,
  projection: { name: string; version: number },
): Promise<Checkpoint> {
  await db.query(
    `INSERT INTO projection_checkpoints (name, projection, version, position)
     VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
    [name, projection.name, projection.version, START],
  );
  return (await readCheckpoint(db, name))!;
}

export async function readCheckpoint(db: Queryable, name: string): Promise<Checkpoint | undefined> {
  const { rows } = await db.query<CheckpointRow>('SELECT * FROM projection_checkpoints WHERE name = $1', [name]);
  return rows[0] && toCheckpoint(rows[0]);
}

export async function listCheckpoints(db: Queryable): Promise<Checkpoint[]> {
  const { rows } = await db.query<CheckpointRow>('SELECT * FROM projection_checkpoints ORDER BY name');
  return rows.map(toCheckpoint);
}

export interface Advance {
  name: string;
  from: Position;
  to: Position;
  events: number;
  lastEventAt: Date | null;
}

/**
 * Compare-and-set: moves the checkpoint only if it is still where this runner read it. False means
 * another runner (or a rebuild's swap) moved it: the caller must roll back its whole batch.
 */
export async function advanceCheckpoint(tx: Queryable, advance: Advance): Promise<boolean> {
  const result = await tx.query(
    `UPDATE projection_checkpoints
        SET position = $3, events_applied = events_applied + $4,
            last_event_at = coalesce($5, last_event_at), updated_at = now()
      WHERE name = $1 AND position = $2`,
    [advance.name, advance.from, advance.to, advance.events, advance.lastEventAt],
  );
  return result.rowCount === 1;
}
