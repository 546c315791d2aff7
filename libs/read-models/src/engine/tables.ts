import pg from 'pg';
import type { Projection, TableNames } from './projection.js';

/** The suffix of a table being rebuilt beside the live one, and of its checkpoint. */
export const NEXT_SUFFIX = '_next';
export const REBUILD_CHECKPOINT_SUFFIX = ':rebuild';

export function liveTables(projection: Projection): Record<string, string> {
  return Object.fromEntries(projection.tables.map((table) => [table, table]));
}

export function nextTables(projection: Projection): Record<string, string> {
  return Object.fromEntries(projection.tables.map((table) => [table, `${table}${NEXT_SUFFIX}`]));
}

export function quoteTables(tables: Record<string, string>): TableNames {
  return Object.fromEntries(
    Object.entries(tables).map(([logical, physical]) => [logical, pg.escapeIdentifier(physical)]),
  );
}

export function rebuildCheckpointName(projection: Projection): string {
  return `${projection.name}${REBUILD_CHECKPOINT_SUFFIX}`;
}
