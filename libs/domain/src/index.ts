/**
 * The complaint domain: pure TypeScript, no I/O, no clock, no framework. Time, ids, the actor and
 * the policy come in as arguments. Everything the other layers may use is exported from here.
 */
export * from './complaint/index.js';
export * from './personal-data/index.js';
export * from './priority/index.js';
export * from './sla/index.js';
export * from './taxonomy/index.js';
