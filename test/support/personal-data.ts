/**
 * The personal-data master key for services that tests and benchmarks run with NODE_ENV=production
 * (which refuses to start without one). A throw-away key: it only ever seals test data.
 */
export const TEST_PERSONAL_DATA_ENV = { PERSONAL_DATA_MASTER_KEY: 'hP+yj4ZLV2BEnmm3rYZOlHjUePuJb2qeMhLzNQEQugc=' };
