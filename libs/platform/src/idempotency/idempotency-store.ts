import type pg from 'pg';

export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in_progress' }
  | { kind: 'fingerprint_mismatch' };

/**
 * Remembers the answer to each request sent with an Idempotency-Key. A key is claimed before the
 * request runs (so two copies of one request do not both run), completed with the answer on
 * success and released on failure, so only a successful answer is ever replayed. A claim whose
 * holder died is taken over once its lease runs out.
 */
export class IdempotencyStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly leaseMs = 30_000,
  ) {}

  async claim(scope: string, key: string, fingerprint: string): Promise<ClaimOutcome> {
    const claimed = await this.pool.query(
      `INSERT INTO idempotency_records AS r (scope, key, fingerprint, state, locked_until)
       VALUES ($1, $2, $3, 'pending', now() + make_interval(secs => $4::double precision / 1000))
       ON CONFLICT (scope, key) DO UPDATE SET locked_until = EXCLUDED.locked_until
         WHERE r.state = 'pending' AND r.locked_until < now() AND r.fingerprint = EXCLUDED.fingerprint
       RETURNING 1`,
      [scope, key, fingerprint, this.leaseMs],
    );
    if (claimed.rowCount === 1) return { kind: 'claimed' };
    return this.describeExisting(scope, key, fingerprint);
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_records
          SET state = 'completed', status_code = $3, headers = $4, body = $5, completed_at = now()
        WHERE scope = $1 AND key = $2`,
      [scope, key, response.statusCode, JSON.stringify(response.headers), JSON.stringify(response.body ?? null)],
    );
  }

  async release(scope: string, key: string): Promise<void> {
    await this.pool.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND state = 'pending'`, [
      scope,
      key,
    ]);
  }

  private async describeExisting(scope: string, key: string, fingerprint: string): Promise<ClaimOutcome> {
    const { rows } = await this.pool.query(
      `SELECT fingerprint, state, status_code, headers, body FROM idempotency_records WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    const row = rows[0];
    // Released between our insert attempt and this read: the caller may simply try again.
    if (!row) return { kind: 'in_progress' };
    if (row.fingerprint !== fingerprint) return { kind: 'fingerprint_mismatch' };
    if (row.state === 'pending') return { kind: 'in_progress' };
    return { kind: 'replay', response: { statusCode: row.status_code, headers: row.headers, body: row.body } };
  }
}
