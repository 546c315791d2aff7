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
