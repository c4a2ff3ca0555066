import type { RecordChainEntry } from '../../shared/api';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });

import { entryDetail, entryTitle, shanghaiDateTime } from '../../miniapp/src/membership/services/chain';

const base = { seq: 2, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64), personId: 'demo-ranger', at: '2026-12-04T17:30:00.000Z', by: { userId: 'demo-secretary', name: '张书记' }, branchId: 'songling-zhuangzhi' };
const transfer = { id: 't-0123456789ab', fromBranchId: 'songling-zhuangzhi', fromName: '壮志林场党支部', toBranchId: 'xinlin-cuigang', toName: '翠岗林场党支部', letterNumber: '2026-0007' };

describe('how the record chain screen words an entry', () => {
  it('shows the time an entry was recorded in Beijing time, across midnight UTC', () => {
    expect(shanghaiDateTime('2026-12-04T17:30:00.000Z')).toBe('2026-12-05 01:30');
  });

  it('names a joining step with its date and what it rests on', () => {
    const entry: RecordChainEntry = { ...base, event: 'step', step: { kind: 'talk', date: '2026-11-20', basis: '支部委员李明谈话', flags: [] } };
    expect(entryTitle(entry)).toBe('党组织派人谈话（2026-11-20）');
    expect(entryDetail(entry)).toBe('支部委员李明谈话');
  });

  it('names the transfer steps with their ends, the letter, the return reason and the receipt', () => {
    expect(entryTitle({ ...base, event: 'transfer-issued', transfer })).toBe('开具组织关系介绍信');
    expect(entryDetail({ ...base, event: 'transfer-requested', transfer: { ...transfer, reason: '工作调动' } })).toBe('壮志林场党支部 → 翠岗林场党支部，原因：工作调动');
    expect(entryDetail({ ...base, event: 'transfer-issued', transfer })).toBe('壮志林场党支部 → 翠岗林场党支部，介绍信第 2026-0007 号');
    expect(entryDetail({ ...base, event: 'transfer-returned', transfer: { ...transfer, returnReason: '去向有误' } })).toBe('壮志林场党支部 → 翠岗林场党支部，退回理由：去向有误');
    expect(entryDetail({ ...base, event: 'transfer-accepted', transfer: { ...transfer, receivedBy: '翠岗林场党支部', receivedOn: '2026-12-05' } })).toBe(
      '壮志林场党支部 → 翠岗林场党支部，翠岗林场党支部 2026-12-05 接收',
    );
  });

  it('describes a record made for an existing member by their standing', () => {
    expect(entryDetail({ ...base, seq: 1, event: 'record-created', name: '王护林', standing: { stage: 'full', since: '2003-07-01' } })).toBe('正式党员，2003-07-01 起');
  });
});
