import type { CliCommand } from '../command.js';
import { eventsExportCommand } from './events-export.command.js';
import { eventsImportCommand } from './events-import.command.js';
import { eventsVerifyCommand } from './events-verify.command.js';
import { importCsvCommand } from './import-csv.command.js';
import { migrateCommand } from './migrate.command.js';
import { projectionsRebuildCommand } from './projections-rebuild.command.js';
import { projectionsStatusCommand } from './projections-status.command.js';
import { storeCopyCommand } from './store-copy.command.js';
import { subscriptionsDeadLettersCommand } from './subscriptions-dead-letters.command.js';
import { subscriptionsRedriveCommand } from './subscriptions-redrive.command.js';
import { tokensMintCommand } from './tokens-mint.command.js';

/** Every command of the CLI. A feature adds its commands here. */
export const commands: CliCommand[] = [
  migrateCommand,
  projectionsStatusCommand,
  projectionsRebuildCommand,
  eventsVerifyCommand,
  eventsExportCommand,
  eventsImportCommand,
  subscriptionsDeadLettersCommand,
  subscriptionsRedriveCommand,
  storeCopyCommand,
  importCsvCommand,
  tokensMintCommand,
];
