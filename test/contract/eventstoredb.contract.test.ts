import { EventStoreDbEventStore } from '../../libs/event-store/src/eventstoredb/eventstoredb-event-store.js';
import { describeEventStoreContract } from './event-store.contract.js';

/**
 * The same contract suite, against a real EventStoreDB/KurrentDB, when EVENTSTORE_CONNECTION_STRING
 * points at one (e.g. `esdb://localhost:2113?tls=false`). Without it the suite is registered as
 * SKIPPED, so jest reports it as not run, never as passed. Each test uses a category of its own, so
 * a shared, non-empty server is fine.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract(
    'eventstoredb',
    // commitDelayMs is a PostgreSQL-only hook: the server orders commits itself.
    async (options) => new EventStoreDbEventStore({ connectionString, clock: options?.clock }),
    { startsEmpty: false, injectableClock: true },
  );
} else {
  describe.skip('EventStore contract: eventstoredb (NOT RUN: EVENTSTORE_CONNECTION_STRING is not set)', () => {
    test('the EventStoreDB contract suite needs a server', () => undefined);
  });
}
