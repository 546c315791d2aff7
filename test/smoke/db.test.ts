import pg from 'pg';
import { createTestDatabase } from '../support/database.js';

test('a test database answers', async () => {
  const db = await createTestDatabase();
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const { rows } = await client.query('select pg_current_xact_id()::text as x');
  expect(rows[0].x).toMatch(/^\d+$/);
  await client.end();
  await db.drop();
});
