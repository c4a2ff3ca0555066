import { handler } from '../../functions/assessment/handler';
import { currentPeriod } from '../../functions/assessment/periods';
import { countSnapshotBatch, snapshotPlan } from '../../functions/assessment/snapshot-run';
import { branchFigures } from '../../functions/assessment/platform-sources';
import { branchCount, markSnapshotsStale, unitSnapshot } from '../../functions/assessment/snapshot-store';
import { rescoreUnits } from '../../functions/assessment/snapshots';
import { putOrgUnit } from '../../functions/identity/store';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import type { Member } from '../../shared/api/identity-model';
import { readRun } from '../../shared/runtime/fanout';
import { organisationUnits } from '../../shared/runtime/member-directory';
import { issueSession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';
import { lambdaContext, useWorkQueue } from '../support/work-queue';

/**
 * Issue #20's committee view from per-unit snapshots, through the real handler and its work queue on DynamoDB
 * Local: the recount job counts every unit (the demo's two bureaus and six branches), the view reads the snapshots
 * with their counting time and says 尚未统计 for a unit never counted, an import or an evaluator's score marks the
 * unit stale and re-scores it, and only admins may start a recount.
 */
useSeededTable();
const work = useWorkQueue(() => handler as never);

const period = currentPeriod(new Date());
const year = period.slice(0, 4);
const tokens: Record<string, string> = {};
const as = async (role: Member['roles'][number]) => {
  const member = DEMO_ACCOUNTS.find((candidate) => candidate.roles.includes(role) && (role !== 'member' || candidate.roles.length === 1))!;
  return (tokens[member.userId] ??= (await issueSession(member)).token);
};

interface ViewUnit {
  unitCode: string;
  kind: string;
  points: Array<{ period: string; party?: number; business?: number; partyCoverage: number; businessCoverage: number }>;
  snapshot?: { countedAt: string; scoredAt: string; stale: boolean };
  missingReason?: string;
}
const view = async (): Promise<ViewUnit[]> => {
  const reply = await call(handler, 'GET', '/api/v1/assessment/view', { token: await as('admin'), query: { year } });
  expect(reply.status).toBe(200);
  return reply.body.units as ViewUnit[];
};
const unitOf = (units: ViewUnit[], unitCode: string) => units.find((unit) => unit.unitCode === unitCode)!;
const detailPoint = async (unitCode: string, of = period) =>
  (await call(handler, 'GET', '/api/v1/assessment/view/unit', { token: await as('admin'), query: { unitCode, period: of } })).body.point as ViewUnit['points'][number];

describe('the snapshot job', () => {
  it('counts every demo unit when an admin asks, and the view shows both indices of each bureau from the snapshots', async () => {
    const before = await view();
    const reply = await call(handler, 'POST', '/api/v1/assessment/snapshots/recount', { token: await as('admin'), body: { year } });
    expect(reply.status).toBe(200);
    // Two bureaus with three branches each: one unit per bureau.
    expect(reply.body).toMatchObject({ job: 'refreshSnapshots', total: 2 });
    await work().drained();
    expect(await readRun(reply.body.runId)).toMatchObject({ status: 'finished', done: 2, counts: { branches: 6, bureaus: 2 } });

    const units = await view();
    expect(units.map((unit) => unit.unitCode)).toEqual(before.map((unit) => unit.unitCode));
    for (const unit of units) {
      expect(unit.missingReason).toBeUndefined();
      expect(unit.snapshot?.stale).toBe(false);
      // Counted again by this run, after the demo seed's count.
      expect(Date.parse(unit.snapshot!.countedAt)).toBeGreaterThan(Date.parse(unitOf(before, unit.unitCode).snapshot!.countedAt));
      expect(unit.points.at(-1)?.period).toBe(period);
    }
    for (const bureau of units.filter((unit) => unit.kind === 'company')) {
      // The demo imports business results of finished quarters: some period has both indices.
      const both = bureau.points.find((point) => point.party !== undefined && point.business !== undefined);
      expect(both).toEqual(expect.objectContaining({ party: expect.any(Number), business: expect.any(Number) }));
      // The drill-down explains exactly the snapshot's points, from the counts kept beside them.
      for (const point of bureau.points) expect(point).toEqual(await detailPoint(bureau.unitCode, point.period));
    }
    expect(unitOf(units, 'songling-zhuangzhi').points.at(-1)).toEqual(await detailPoint('songling-zhuangzhi'));
    // And the kept counts are what counting the branch's sources again now gives.
    const kept = await branchCount(year, 'songling', 'songling-zhuangzhi');
    const recounted = await branchFigures('songling-zhuangzhi', [{ period, until: new Date().toISOString() }]);
    expect(Object.keys(recounted.get(period)!).length).toBeGreaterThan(0);
    expect(kept?.figures[period]).toMatchObject(recounted.get(period)!);
  });

  it('gives the same snapshots when a unit runs twice at once (two copies, one redelivered message)', async () => {
    const [unit] = snapshotPlan(year, await organisationUnits());
    const now = new Date();
    await Promise.all([countSnapshotBatch('twice', unit!.input, now), countSnapshotBatch('twice', unit!.input, now)]);
    const once = await unitSnapshot(year, unit!.input.bureauId);
    await countSnapshotBatch('twice', unit!.input, now);
    const again = await unitSnapshot(year, unit!.input.bureauId);
    expect(again?.points).toEqual(once?.points);
    expect(again?.countedAt).toBe(once?.countedAt);
  });

  it('says 尚未统计 for a unit not counted yet, never a zero, until the nightly count', async () => {
    await putOrgUnit({ id: 'songling-xinjian', kind: 'branch', name: '松岭新建支部', parentId: 'songling' });
    const fresh = unitOf(await view(), 'songling-xinjian');
    expect(fresh).toMatchObject({ missingReason: '尚未统计', points: [] });
    expect(fresh.snapshot).toBeUndefined();
    const uncounted = await call(handler, 'GET', '/api/v1/assessment/view/unit', { token: await as('admin'), query: { unitCode: 'songling-xinjian', period } });
    expect(uncounted.status).toBe(404);
    expect(uncounted.body.error.message).toContain('松岭新建支部尚未统计');
    const csv = await call(handler, 'GET', '/api/v1/assessment/export/csv', { token: await as('admin'), query: { year, unitCode: 'songling' } });
    expect(csv.body.csv).toContain('songling-xinjian,松岭新建支部,,,,,,,,尚未统计');

    // The nightly schedule's run (the admin's recount of this minute has run already: a second click starts nothing).
    const runs = (await handler({ job: 'refreshSnapshots' } as never, lambdaContext())) as Array<{ runId: string }>;
    expect(runs.map((run) => run.runId)).toContain(`refreshSnapshots.${year}.${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`);
    await work().drained();
    const counted = unitOf(await view(), 'songling-xinjian');
    expect(counted.missingReason).toBeUndefined();
    expect(counted.snapshot?.stale).toBe(false);
    expect(counted.points.at(-1)?.period).toBe(period);
    const detail = await call(handler, 'GET', '/api/v1/assessment/view/unit', { token: await as('admin'), query: { unitCode: 'songling-xinjian', period } });
    expect(detail.status).toBe(200);
    expect(detail.body.countedAt).toBe(counted.snapshot!.countedAt);
  });
});

describe('changes after the snapshot', () => {
  it('re-scores a bureau after an import: its business index moves, its counting time stays', async () => {
    const before = unitOf(await view(), 'xinlin');
    const rows = ['biz-fire-incidents', 'biz-output-value', 'biz-protected-area', 'biz-safety-incidents'].map((indicatorCode, index) => ({ unitCode: 'xinlin', period, indicatorCode, value: [0, 4800, 236000, 0][index]! }));
    const reply = await call(handler, 'POST', '/api/v1/assessment/results/import', { token: await as('admin'), body: { rows } });
    expect(reply.status).toBe(200);
    await work().drained();
    const after = unitOf(await view(), 'xinlin');
    expect(after.points.at(-1)).toEqual(await detailPoint('xinlin'));
    expect(after.points.at(-1)?.businessCoverage).toBe(1);
    expect(after.points.at(-1)?.business).not.toBe(before.points.at(-1)?.business);
    expect(after.snapshot).toMatchObject({ countedAt: before.snapshot!.countedAt, stale: false });
    expect(Date.parse(after.snapshot!.scoredAt)).toBeGreaterThan(Date.parse(before.snapshot!.scoredAt));
  });

  it('re-scores a branch after the evaluator’s score', async () => {
    const reply = await call(handler, 'POST', '/api/v1/assessment/evaluations', {
      token: await as('evaluator'),
      body: { unitCode: 'xinlin-cuigang', period, indicatorCode: 'third-party', score: 93, comment: '走访核实' },
    });
    expect(reply.status).toBe(200);
    await work().drained();
    const branch = unitOf(await view(), 'xinlin-cuigang');
    expect(branch.points.at(-1)).toEqual(await detailPoint('xinlin-cuigang'));
    expect(branch.snapshot?.stale).toBe(false);
  });

  it('keeps a unit marked stale while only a re-score that read before the change has run', async () => {
    const markedAt = new Date();
    await markSnapshotsStale(year, ['songling'], markedAt.toISOString());
    expect(unitOf(await view(), 'songling').snapshot?.stale).toBe(true);
    // A re-score that began reading before the mark must not clear it with older inputs.
    expect(await rescoreUnits(year, ['songling'], new Date(markedAt.getTime() - 1000))).toBe(0);
    expect(unitOf(await view(), 'songling').snapshot?.stale).toBe(true);
    expect(await rescoreUnits(year, ['songling'], new Date(markedAt.getTime() + 1))).toBe(1);
    expect(unitOf(await view(), 'songling').snapshot?.stale).toBe(false);
  });
});

describe('the recount route', () => {
  it.each(['secretary', 'evaluator', 'finance'] as const)('refuses the %s role', async (role) => {
    const reply = await call(handler, 'POST', '/api/v1/assessment/snapshots/recount', { token: await as(role), body: { year } });
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses a malformed year or unknown field with 400, and a year without a scheme with 404, starting nothing', async () => {
    const token = await as('admin');
    const malformed = await call(handler, 'POST', '/api/v1/assessment/snapshots/recount', { token, body: { year: '26' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toEqual(expect.any(String));
    expect((await call(handler, 'POST', '/api/v1/assessment/snapshots/recount', { token, body: { year, force: true } })).status).toBe(400);
    const noScheme = await call(handler, 'POST', '/api/v1/assessment/snapshots/recount', { token, body: { year: '2099' } });
    expect(noScheme.status).toBe(404);
    expect(noScheme.body.error.code).toBe('ASSESSMENT_SCHEME_NOT_FOUND');
  });
});
