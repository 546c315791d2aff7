import { type Position, START } from '../port.js';

/**
 * A feed position is `<transaction id>/<global position>`: the feed is ordered by that pair (trap 1),
 * so the checkpoint must hold both. Compared numerically; string order would put "10" before "9".
 */
export function encodePosition(transactionId: string, globalPosition: string): Position {
  return `${transactionId}/${globalPosition}`;
}

export function decodePosition(position: Position): { transactionId: string; globalPosition: string } {
  if (position === START) return { transactionId: '0', globalPosition: '0' };
  const match = /^(\d+)\/(\d+)$/.exec(position);
  if (!match) throw new TypeError(`Not a PostgreSQL event store position: ${position}`);
  return { transactionId: match[1]!, globalPosition: match[2]! };
}

export function comparePgPositions(a: Position, b: Position): number {
  const left = decodePosition(a);
  const right = decodePosition(b);
  return (
    compareBig(BigInt(left.transactionId), BigInt(right.transactionId)) ||
    compareBig(BigInt(left.globalPosition), BigInt(right.globalPosition))
  );
}

const compareBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
