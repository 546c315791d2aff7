export { copyStore, countEvents, type CopyOptions, type CopyReport } from './copy-store.js';
export { checkRecordedContinuation, EMPTY_TAIL, type StreamTail } from './recorded-chain.js';
export { compareStream, verifyCopy, type CopyMismatch, type VerifyOptions, type VerifyReport } from './verify-copy.js';
