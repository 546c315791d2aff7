export * from './priority.js';
export * from './sla-targets.js';
