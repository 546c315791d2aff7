import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the first 48 bits are the Unix time in milliseconds, the rest random.
 * Ids made one after another sort one after another, so a bulk writer inserts them at the right
 * edge of the store's event-id index instead of into random pages of it: far fewer pages touched
 * and written to the WAL per row once the index outgrows memory.
 */
export function timeOrderedUuid(now: number = Date.now()): string {
  // A random (version 4) UUID keeps its random bits and variant; its time and version are replaced.
  return `${timePrefix(now)}${randomUUID().slice(15)}`;
}

let prefixMs = -1;
let prefix = '';

/** "tttttttt-tttt-7" for a millisecond; bulk writers ask for the same one many times in a row. */
function timePrefix(now: number): string {
  if (now !== prefixMs) {
    const time = now.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
    prefixMs = now;
  }
  return prefix;
}
