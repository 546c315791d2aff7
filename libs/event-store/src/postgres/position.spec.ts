import { START } from '../port.js';
import { comparePgPositions, decodePosition, encodePosition } from './position.js';

test('positions compare by (transaction id, global position) numerically, START first', () => {
  expect(comparePgPositions('9/50', '10/1')).toBe(-1);
  expect(comparePgPositions('10/2', '10/10')).toBe(-1);
  expect(comparePgPositions('18446744073709551615/1', '18446744073709551614/9')).toBe(1);
  expect(comparePgPositions(START, '1/1')).toBe(-1);
  expect(comparePgPositions(START, START)).toBe(0);
  expect(decodePosition(encodePosition('42', '7'))).toEqual({ transactionId: '42', globalPosition: '7' });
  expect(() => decodePosition('x')).toThrow(TypeError);
});
