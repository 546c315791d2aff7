/** Import of historical complaints from other systems' exports (CSV), through the domain and the event store port. */
export { countCsvRecords, readCsvFile } from './csv/csv-file.js';
export { CsvParser, type CsvItem, type CsvMalformed, type CsvRecord } from './csv/csv-parser.js';
export { importedComplaintId, replayHistory, type ReplayedHistory } from './history/replay-history.js';
export { DEFAULT_BATCH_SIZE, DEFAULT_WRITERS, HistoryWriter } from './history-writer.js';
export { checkCsvHeader, importCsv, type ImportCsvOptions } from './import-csv.js';
export * from './profile.js';
export { cfpbProfile, IMPORT_ACTOR, planCfpbRecord } from './profiles/cfpb/cfpb-profile.js';
export {
  classifyIssue,
  FALLBACK as CFPB_FALLBACK,
  MAPPED_ISSUES as CFPB_MAPPED_ISSUES,
} from './profiles/cfpb/cfpb-taxonomy.js';
export { IMPORT_PROFILES } from './profiles/index.js';
export { emptyImportReport, type ImportReport, type Rejection } from './report.js';
export { type ImportShard, parseShard, shardLabel } from './shard.js';
export { WriterPool } from './writer-pool.js';
