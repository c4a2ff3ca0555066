jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });

import { BRANCHES_PER_SNAPSHOT_UNIT, snapshotPlan } from '../../functions/assessment/snapshot-run';
import { snapshotText } from '../../miniapp/src/assessment/services/labels';
import type { OrgUnit } from '../../shared/api/identity-model';

const branch = (id: string, parentId: string): OrgUnit => ({ id, kind: 'branch', name: id, parentId });

describe('the snapshot job’s plan', () => {
  it('gives each bureau its own batches of branches, and a bureau without branches one empty batch', () => {
    const many = Array.from({ length: BRANCHES_PER_SNAPSHOT_UNIT + 1 }, (_, index) => branch(`big-${String(index).padStart(3, '0')}`, 'big'));
    const units: OrgUnit[] = [
      { id: 'group', kind: 'group', name: '集团' },
      { id: 'big', kind: 'company', name: '大局', parentId: 'group' },
      { id: 'empty', kind: 'company', name: '空局', parentId: 'group' },
      ...many,
      branch('orphan', 'group'),
    ];
    const plan = snapshotPlan('2026', units);
    expect(plan.map((unit) => [unit.unit, unit.input.branchIds.length, unit.input.batch, unit.input.batches])).toEqual([
      ['big.0', BRANCHES_PER_SNAPSHOT_UNIT, 0, 2],
      ['big.1', 1, 1, 2],
      ['empty.0', 0, 0, 1],
    ]);
    // Every branch of a bureau is counted exactly once; a branch outside any bureau is not assessed.
    expect(plan.flatMap((unit) => unit.input.branchIds).sort()).toEqual(many.map((unit) => unit.id));
  });

  it('names units with what a work unit may carry, whatever the bureau’s id', () => {
    expect(snapshotPlan('2026', [{ id: 'bureau@north', kind: 'company', name: '北局' }])[0]!.unit).toBe('bureau_north.0');
  });
});

describe('the snapshot’s line in the committee’s view', () => {
  it('shows when the figures were counted in Beijing time, and says so while a change is being scored in', () => {
    expect(snapshotText({ snapshot: { countedAt: '2026-12-04T19:05:00.000Z', scoredAt: '2026-12-04T19:05:00.000Z', stale: false } })).toBe('统计于 2026-12-05 03:05（北京时间）');
    expect(snapshotText({ snapshot: { countedAt: '2026-12-04T19:05:00.000Z', scoredAt: '2026-12-04T19:05:00.000Z', stale: true } })).toMatch(/^统计于 2026-12-05 03:05（北京时间），有新导入的数据或评分，正在重新计算$/);
  });

  it('says 尚未统计 for a unit without a snapshot', () => {
    expect(snapshotText({ missingReason: '尚未统计' })).toBe('尚未统计');
  });
});
