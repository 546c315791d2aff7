// Jest runs the TypeScript sources directly (swc, ESM). `#alias` imports resolve to sources, not dist.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/bench/'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    // ESM-only packages that CommonJS dependencies require() (Node 20 can, Jest's module runtime cannot).
    '/node_modules/content-disposition/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#domain/(.*)$': '<rootDir>/libs/domain/src/$1.ts',
    '^#read-models$': '<rootDir>/libs/read-models/src/index.ts',
    '^#read-models/(.*)$': '<rootDir>/libs/read-models/src/$1.ts',
    '^#subscriptions$': '<rootDir>/libs/subscriptions/src/index.ts',
    '^#subscriptions/(.*)$': '<rootDir>/libs/subscriptions/src/$1.ts',
    '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^#event-store/(.*)$': '<rootDir>/libs/event-store/src/$1.ts',
    '^#platform$': '<rootDir>/libs/platform/src/index.ts',
    '^#platform/(.*)$': '<rootDir>/libs/platform/src/$1.ts',
    '^#import$': '<rootDir>/libs/import/src/index.ts',
    '^#import/(.*)$': '<rootDir>/libs/import/src/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.js',
  testTimeout: 30000,
};
