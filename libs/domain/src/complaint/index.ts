export * from './actor.js';
export * from './commands.js';
export { decide } from './decide.js';
export * from './errors.js';
export * from './escalation-policy.js';
export * from './event-catalog.js';
export * from './events.js';
export type { JsonSchema } from './event-schemas-builder.js';
export {
  EVENT_ENVELOPE_SCHEMA,
  EVENT_METADATA_SCHEMA,
  eventSchema,
  type PublishedEventSchema,
  publishedEventSchemas,
} from './event-schemas-published.js';
export { evolve, fold } from './evolve.js';
export { payableAmount } from './evolve-compensation.js';
export * from './limits.js';
export * from './monitor-work.js';
export * from './policy.js';
export * from './signals.js';
export * from './state.js';
export * from './upcasters.js';
export * from './vocabulary.js';
