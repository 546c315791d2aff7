import type { CliCommand } from '../command.js';

/** Applies pending schema migrations (the API and workers also do this at start-up). */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply pending database migrations',
  async run(_args, context) {
    await context.databaseUrl();
    context.print('database schema is up to date');
    return 0;
  },
};
