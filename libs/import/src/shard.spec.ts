import { inShard, parseShard, shardLabel } from './shard.js';

test('reads k/n with k from 0 to n - 1, and nothing else', () => {
  expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
  expect(parseShard(' 3/4 ')).toEqual({ index: 3, count: 4 });
  expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
  for (const bad of ['4/4', '1/0', '-1/4', '1/4/2', 'a/b', '1', '', '0/257', '1.5/4'])
    expect({ bad, shard: parseShard(bad) }).toEqual({ bad, shard: undefined });
  expect(shardLabel({ index: 2, count: 5 })).toBe('2/5');
});

test('deals every record to exactly one shard, round-robin, so shards differ in size by one at most', () => {
  const count = 3;
  const taken = Array.from({ length: 100 }, (_, ordinal) =>
    [0, 1, 2].filter((index) => inShard({ index, count }, ordinal)),
  );
  expect(taken.every((shards) => shards.length === 1)).toBe(true);
  const sizes = [0, 1, 2].map((index) => taken.filter(([shard]) => shard === index).length);
  expect(sizes).toEqual([34, 33, 33]);
  expect(inShard(undefined, 7)).toBe(true);
});
