import { exceedsJsonDepth } from './json-body.js';
import { findUnstorableText, textProblem } from './text-safety.js';

describe('JSON depth is measured on the text, without recursion', () => {
  test('nesting up to the limit passes and one level more does not', () => {
    expect(exceedsJsonDepth('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(exceedsJsonDepth('{"a":[{"b":[1]}]}', 3)).toBe(true);
  });

  test('brackets inside strings, escaped quotes included, do not count', () => {
    expect(exceedsJsonDepth('{"a":"[[[[{{{{","b":"\\"[[[[\\\\"}', 1)).toBe(false);
  });

  test('a megabyte of opening brackets is answered without exhausting the stack', () => {
    expect(exceedsJsonDepth('['.repeat(1_000_000), 16)).toBe(true);
    expect(exceedsJsonDepth(`${'['.repeat(16)}${']'.repeat(16)}`, 16)).toBe(false);
  });
});

describe('text PostgreSQL cannot store is found wherever it is', () => {
  test('a NUL character and unpaired surrogates are named, paired ones are fine', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('a\uD800b')).toMatch(/surrogate/);
    expect(textProblem('a\uDC00b')).toMatch(/surrogate/);
    expect(textProblem('\uDC00\uD800')).toMatch(/surrogate/);
    expect(textProblem('emoji \uD83D\uDE00, RTL \u202E, BOM \uFEFF')).toBeUndefined();
  });

  test('the problem is reported with the path of the field that holds it', () => {
    const body = { customer: { name: 'ok', aliases: ['fine', 'bad\u0000'] } };
    expect(findUnstorableText(body)).toEqual({
      field: 'customer.aliases.1',
      problems: ['customer.aliases.1 contains a NUL character (U+0000)'],
    });
    expect(findUnstorableText({ ['key\uD800']: 1 })?.problems[0]).toMatch(/property name/);
    expect(findUnstorableText({ fine: ['yes', 1, null, { deeper: true }] })).toBeUndefined();
  });

  test('a deeply nested value is walked without recursion', () => {
    let value: unknown = 'x\u0000';
    for (let depth = 0; depth < 100_000; depth++) value = [value];
    expect(findUnstorableText(value)?.problems[0]).toMatch(/NUL/);
  });
});
