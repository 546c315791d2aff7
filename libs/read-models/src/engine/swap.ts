import pg from 'pg';

type Queryable = Pick<pg.ClientBase, 'query'>;

interface IndexRow {
  indexname: string;
  indexdef: string;
}

/**
 * Inside the caller's transaction: drops each live table and renames its `_next` copy into its
 * place, then gives the copy's indexes (and the constraints they back) the live names again, so the
 * names a migration created stay stable across any number of rebuilds.
 */
export async function swapTables(tx: Queryable, tables: Record<string, string>): Promise<void> {
  for (const [live, next] of Object.entries(tables)) {
    const liveIndexes = await indexesOf(tx, live);
    const nextIndexes = await indexesOf(tx, next);
    await tx.query(`DROP TABLE ${pg.escapeIdentifier(live)}`);
    await tx.query(`ALTER TABLE ${pg.escapeIdentifier(next)} RENAME TO ${pg.escapeIdentifier(live)}`);
    const liveNameByShape = new Map(liveIndexes.map((index) => [shapeOf(index), index.indexname]));
    for (const index of nextIndexes) {
      const name = liveNameByShape.get(shapeOf(index));
      if (name && name !== index.indexname) {
        await tx.query(`ALTER INDEX ${pg.escapeIdentifier(index.indexname)} RENAME TO ${pg.escapeIdentifier(name)}`);
      }
    }
  }
}

/**
 * An empty copy of a live table for a rebuild: columns, defaults and checks, its key constraints
 * (which ON CONFLICT needs) and unique indexes — but not the plain indexes, which cost more to
 * maintain row by row than to build once at the end (see `addDeferredIndexes`).
 */
export async function createEmptyCopy(tx: Queryable, live: string, next: string): Promise<void> {
  const [liveName, nextName] = [pg.escapeIdentifier(live), pg.escapeIdentifier(next)];
  await tx.query(`DROP TABLE IF EXISTS ${nextName}`);
  await tx.query(`CREATE TABLE ${nextName} (LIKE ${liveName} INCLUDING ALL EXCLUDING INDEXES)`);
  const { rows } = await tx.query<{ definition: string }>(
    `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'x') ORDER BY conname`,
    [liveName],
  );
  for (const { definition } of rows) await tx.query(`ALTER TABLE ${nextName} ADD ${definition}`);
  for (const index of await indexesOf(tx, live)) {
    if (index.indexdef.startsWith('CREATE UNIQUE') && !(await backsConstraint(tx, index.indexname))) {
      await tx.query(copyOf(index, nextName));
    }
  }
}

/** The live table's plain (non-unique) indexes, built on the filled copy before the swap. */
export async function addDeferredIndexes(tx: Queryable, live: string, next: string): Promise<void> {
  for (const index of await indexesOf(tx, live)) {
    if (!index.indexdef.startsWith('CREATE UNIQUE')) await tx.query(copyOf(index, pg.escapeIdentifier(next)));
  }
}

async function backsConstraint(tx: Queryable, indexName: string): Promise<boolean> {
  const { rowCount } = await tx.query(
    `SELECT 1 FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid WHERE i.relname = $1`,
    [indexName],
  );
  return (rowCount ?? 0) > 0;
}

/** The same index on another table, with a name the server chooses. */
function copyOf(index: IndexRow, table: string): string {
  return index.indexdef.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+/, `CREATE $1INDEX ON ${table}`);
}

async function indexesOf(tx: Queryable, table: string): Promise<IndexRow[]> {
  const { rows } = await tx.query<IndexRow>(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`,
    [table],
  );
  return rows;
}

/** An index definition without its own name and its table's name: equal for an index and its copy. */
function shapeOf(index: IndexRow): string {
  return index.indexdef.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+/, 'CREATE $1INDEX ON');
}
