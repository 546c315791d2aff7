export * from './port.js';
export { canonicalJson, jsonRoundTrip } from './canonical-json.js';
export {
  GENESIS_HASH,
  chainHash,
  contentDigest,
  digestOfCanonical,
  verifyChain,
  type ChainVerification,
  type HashedContent,
} from './hash-chain.js';
export { InMemoryEventStore, type InMemoryEventStoreOptions } from './in-memory/in-memory-event-store.js';
export { PostgresEventStore, type PostgresEventStoreOptions, type FeedLag } from './postgres/postgres-event-store.js';
export { comparePgPositions } from './postgres/position.js';
export { eventStoreMigrations } from './postgres/migrations/index.js';
export { ERASED_VALUE, UNREADABLE_VALUE, isEnvelope, type DataKey } from './personal-data/envelope.js';
export { type CustomerKeys, InMemoryCustomerKeys, type KeyForReading } from './personal-data/customer-keys.js';
export {
  PersonalDataEventStore,
  type PersonalDataLocator,
  type PersonalDataReads,
} from './personal-data/personal-data-event-store.js';
