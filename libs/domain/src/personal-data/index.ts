export * from './customer-forgotten.js';
