import type { TestDatabase } from '../support/database.js';
import { describeEventStoreContract } from './event-store.contract.js';
import { emptyPostgresStore, eventStoreDatabase } from './postgres-store.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await eventStoreDatabase();
});
afterAll(async () => {
  await database.drop();
});

describeEventStoreContract('postgres', (options) => emptyPostgresStore(database.url, options), {
  startsEmpty: true,
  injectableClock: true,
  appendNewStreams: true,
});
