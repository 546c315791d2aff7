export * from './categories.js';
export * from './intake.js';
export * from './root-cause.js';
export * from './routing.js';
