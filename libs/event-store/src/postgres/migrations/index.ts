import { EventStore1732310000000 } from './1732310000000-event-store.js';

/** The event store's migrations, in order; run with runMigrations (libs/platform/src/database/migrations.ts). */
export const eventStoreMigrations = [EventStore1732310000000];
