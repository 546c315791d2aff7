/**
 * An import profile maps one source format (a CSV export of another system) onto our model: which
 * columns it needs, and for each record the history of commands that would have produced it here,
 * each at its historical instant. The commands are decided by the real domain, so an imported
 * complaint is made of the same events as one handled through the API.
 */
import type { Actor, ComplaintCommand, ReceiveComplaint } from '#domain';

/** One record of the source, by column name. */
export interface SourceRow {
  /** Physical line (1-based) where the record starts in the file. */
  line: number;
  /** The value of a column the profile declared; '' when empty. */
  get(column: string): string;
}

/** A command of the history. The intake has no complaint id yet: the import derives it from the source id. */
export type PlannedCommand =
  | Exclude<ComplaintCommand, ReceiveComplaint>
  | { type: 'ReceiveComplaint'; data: Omit<ReceiveComplaint['data'], 'complaintId'> };

/** A command at the instant it was (historically) given, and by whom. */
export interface PlannedStep {
  at: Date;
  actor: Actor;
  command: PlannedCommand;
}

/** What a record becomes: its identity in the source and the steps of its history, oldest first. */
export interface HistoryPlan {
  /** The record's id in the source system (with the profile, it derives the complaint id). */
  sourceId: string;
  steps: PlannedStep[];
  /** Notes for the import report, e.g. a value that fell back to a default mapping. */
  notes: string[];
}

export interface ImportProfile {
  name: string;
  /** Columns the header must contain; other columns are ignored. */
  columns: readonly string[];
  /** Throws RowRejectedError when the record cannot be imported. */
  plan(row: SourceRow): HistoryPlan;
}

/** A record that cannot be imported, with a stable code to count by and a reason to show. */
export class RowRejectedError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'RowRejectedError';
  }
}

/** The file as a whole does not fit the profile (e.g. a required column is missing): nothing is imported. */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}
