/**
 * One of several imports of the same file running side by side (one process each, e.g. one per
 * core): the file's data records are dealt round-robin, record n to shard n mod count, so every
 * record is handled by exactly one shard whatever its content, and the shards' loads stay even.
 * Each shard reads (and parses) the whole file; parsing is a small part of the import's cost.
 */
export interface ImportShard {
  /** 0-based. */
  index: number;
  count: number;
}

const SHARD = /^(\d+)\/(\d+)$/;

/** "k/n" (k of 0..n-1), as the CLI takes it; undefined when the text is not one. */
export function parseShard(text: string): ImportShard | undefined {
  const match = SHARD.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return count >= 1 && count <= 256 && index < count ? { index, count } : undefined;
}

export function shardLabel(shard: ImportShard): string {
  return `${shard.index}/${shard.count}`;
}

/** Whether the data record at `ordinal` (0-based, the header excluded) is this shard's. */
export function inShard(shard: ImportShard | undefined, ordinal: number): boolean {
  return shard === undefined || ordinal % shard.count === shard.index;
}
