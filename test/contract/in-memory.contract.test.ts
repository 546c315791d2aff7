import { InMemoryEventStore } from '../../libs/event-store/src/index.js';
import { describeEventStoreContract } from './event-store.contract.js';

describeEventStoreContract(
  'in-memory',
  async (options) => new InMemoryEventStore({ now: options?.clock, commitDelayMs: options?.commitDelayMs }),
  { startsEmpty: true, injectableClock: true, appendNewStreams: true },
);
