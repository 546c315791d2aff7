import pg from 'pg';

/** One statement on the server's admin connection (CREATE/DROP DATABASE, which cannot run in a pool's transaction). */
export async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
