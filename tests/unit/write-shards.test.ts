import fc from 'fast-check';
import { memberDirectoryKeys, memberDirectoryPartitions, MEMBER_DIRECTORY_SHARDS } from '../../shared/runtime/table';
import { shardedPartitions, shardKey, shardOf } from '../../shared/runtime/write-shards';

/** Ids shaped like the roster's (WeCom userids: letters, digits, a few separators). */
const userIds = (count: number) => Array.from({ length: count }, (_, n) => `m${String(n).padStart(6, '0')}`);

function counts(values: readonly string[], shards: number): number[] {
  const perShard = new Array<number>(shards).fill(0);
  for (const value of values) perShard[shardOf(value, shards)]! += 1;
  return perShard;
}

describe('the shard a write goes to', () => {
  it('spreads 100,000 members evenly: every shard within 3% of its fair share', () => {
    for (const shards of [8, 16]) {
      const fair = 100_000 / shards;
      for (const count of counts(userIds(100_000), shards)) expect(Math.abs(count - fair) / fair).toBeLessThan(0.03);
    }
  });

  it('spreads 5,000 branch ids evenly enough that no shard takes more than 1.2× its share', () => {
    const branches = Array.from({ length: 5_000 }, (_, n) => `bureau${n % 50}-branch${n}`);
    const fair = branches.length / 8;
    expect(Math.max(...counts(branches, 8))).toBeLessThan(fair * 1.2);
  });

  it('is stable: the same id always lands in the same shard, in range, and known ids keep their shard across releases', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 64 }), (value, shards) => {
        const shard = shardOf(value, shards);
        expect(Number.isInteger(shard) && shard >= 0 && shard < shards).toBe(true);
        expect(shardOf(value, shards)).toBe(shard);
      }),
    );
    // Pinned: moving a member to another shard would hide them from readers that trust the layout.
    expect(['demo-admin', 'demo-ranger', 'm000001', 'songling-zhuangzhi'].map((id) => shardOf(id, 8))).toEqual([7, 0, 6, 4]);
  });

  it('refuses a shard count that is not a positive integer', () => {
    expect(() => shardOf('m1', 0)).toThrow();
    expect(() => shardOf('m1', 2.5)).toThrow();
  });

  it('names the partitions a reader gathers: the unsharded one, then every shard a writer can pick', () => {
    expect(shardedPartitions('LEARNLOG#2026-05', 3)).toEqual(['LEARNLOG#2026-05', 'LEARNLOG#2026-05#0', 'LEARNLOG#2026-05#1', 'LEARNLOG#2026-05#2']);
    const written = new Set(userIds(1_000).map((id) => shardKey('LEARNLOG#2026-05', id, 3)));
    expect([...written].sort()).toEqual(shardedPartitions('LEARNLOG#2026-05', 3).slice(1));
  });

  it('puts a member profile in its directory shard, keeping roster order (branch, then userid) as the sort key', () => {
    const keys = memberDirectoryKeys({ userId: 'demo-ranger', branchId: 'songling-zhuangzhi' });
    expect(keys).toEqual({ gsi2pk: `MEMBERS#${shardOf('demo-ranger', MEMBER_DIRECTORY_SHARDS)}`, gsi2sk: 'songling-zhuangzhi#demo-ranger' });
    expect(memberDirectoryPartitions()).toContain(keys.gsi2pk);
    expect(memberDirectoryPartitions()[0]).toBe('MEMBERS');
  });
});
