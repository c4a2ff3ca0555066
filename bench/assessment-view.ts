/**
 * npm run bench:assessment — issue #20: the committee's view at the group's size, from per-unit snapshots against
 * computing it on each request (the baseline: every branch's sources read for every period begun, as the view did
 * before the snapshots), and the CSV/PDF exports' reads (the bureaus; one bureau and its branches) from the kept counts.
 *
 * Seeds BENCH_MEMBERS (100,000) members in BENCH_BRANCHES (5,000) branches of 100 each per bureau (50, as
 * bench:scale does) into DynamoDB Local (in memory, a free port), this year's scheme, each bureau's business
 * results and the evaluator's scores of each period begun, and survey answers in a tenth of the branches. Then, in
 * this process and through a DynamoDB call counter: the snapshot job's units (the same code the work queue runs,
 * BENCH_JOB_PARALLEL = 5 at once, the function's maximumConcurrency), the view from the snapshots (median of
 * BENCH_VIEW_RUNS, 5) and the view computed per request (once: it is slow). Prints both latencies, their ratio,
 * DynamoDB calls of each, and the job's wall time and slowest unit against the function's 29 s timeout.
 */
import { loadavg } from 'node:os';
import { startDynamoDb } from '../scripts/local/dynamodb';
import { ensureTable } from '../scripts/local/table';
import { eachLimited } from '../shared/runtime/each-limited';
import { freePort } from '../tests/support/ports';
import { startCallCounter } from './scale-support';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? Math.max(1, Math.round(MEMBERS / 20)));
const BUREAUS = Math.max(1, Math.round(BRANCHES / 100));
const JOB_PARALLEL = Number(process.env.BENCH_JOB_PARALLEL ?? 5);
const VIEW_RUNS = Number(process.env.BENCH_VIEW_RUNS ?? 5);
/** The assessment function's timeout (functions/assessment/deployment.ts): the view's request must fit in it. */
const TIMEOUT_MS = 29_000;
const TABLE = 'bench-assessment';
const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const dynamo = await startDynamoDb({ port: await freePort() });
  const counter = await startCallCounter(dynamo.endpoint, await freePort());
  Object.assign(process.env, { STAGE: 'local', LOG_LEVEL: 'ERROR', TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint });
  await ensureTable(dynamo.endpoint, TABLE);
  log(`assessment view benchmark — ${MEMBERS.toLocaleString('en')} members in ${BRANCHES.toLocaleString('en')} branches of ${BUREAUS} bureaus, DynamoDB Local in memory, node ${process.version}, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

  // 1. The organisation, its members, the scheme, business results, scores and survey answers (not counted).
  let started = performance.now();
  const { putMembers, putOrgUnit } = await import('../functions/identity/store');
  const store = await import('../functions/assessment/store');
  const { auditOf } = await import('../functions/assessment/audit');
  const { currentPeriod, periodRange, periodsOf, periodBegun } = await import('../functions/assessment/periods');
  const { STARTER_INDICATORS } = await import('../functions/assessment/starter-scheme');
  const now = new Date();
  const year = currentPeriod(now).slice(0, 4);
  const admin = { userId: 'bench-admin', name: '管理员', roles: ['admin' as const], branchId: 'branch-0', category: 'ranger' as const };
  await putOrgUnit({ id: 'bench-group', kind: 'group', name: '基准林业集团' });
  for (let b = 0; b < BUREAUS; b += 1) await putOrgUnit({ id: `bureau-${b}`, kind: 'company', name: `基准林业局${b}`, parentId: 'bench-group' });
  await inParallel(BRANCHES, 16, (b) => putOrgUnit({ id: `branch-${b}`, kind: 'branch', name: `基准支部${b}`, parentId: `bureau-${b % BUREAUS}` }));
  const members = Array.from({ length: MEMBERS }, (_, index) => ({
    userId: `m${String(index).padStart(7, '0')}`,
    name: `党员${index}`,
    branchId: `branch-${index % BRANCHES}`,
    category: (index % 10 === 0 ? 'retiree' : 'ranger') as 'retiree' | 'ranger',
    postTags: [],
    roles: ['member' as const],
    updatedAt: now.toISOString(),
  }));
  await inParallel(Math.ceil(MEMBERS / 1000), 8, (page) => putMembers(members.slice(page * 1000, page * 1000 + 1000)));
  const yearStart = new Date(Date.parse(periodRange(`${year}-Q1`).from) - 86_400_000);
  await store.saveScheme({ year, version: 1, indicators: STARTER_INDICATORS, savedBy: admin.name, savedAt: yearStart.toISOString() }, 0, auditOf(admin, 'scheme-saved', `${year} 方案`, undefined, 'v1', yearStart));
  const periods = periodsOf(year).filter((period) => periodBegun(period, now));
  const business = STARTER_INDICATORS.filter((indicator) => indicator.source === 'import');
  for (const period of periods) {
    const rows = Array.from({ length: BUREAUS }, (_, b) => business.map((indicator, i) => ({ period, unitCode: `bureau-${b}`, indicatorCode: indicator.code, value: 10 + ((b + i) % 7), importId: 'bench', by: admin.userId, at: now.toISOString() }))).flat();
    await store.writeResults(rows.map((result) => ({ result, audit: auditOf(admin, 'results-imported', result.unitCode, undefined, String(result.value), now) })));
    await inParallel(BUREAUS, 8, (b) =>
      store.putEvaluation(
        { unitCode: `bureau-${b}`, period, indicatorCode: 'third-party', score: 70 + (b % 25), comment: '基准', evaluator: '评估', at: now.toISOString() },
        auditOf(admin, 'evaluation-scored', `bureau-${b}`, undefined, 'score', now),
      ),
    );
    const range = periodRange(period);
    await store.putSurvey({ period, questions: [{ id: 'q1', text: '满意度' }], opensAt: range.from, closesAt: range.to }, auditOf(admin, 'survey-set', period, undefined, 'q1', now));
    const answering = members.filter((member) => Number(member.branchId.slice(7)) % 10 === 0);
    await inParallel(answering.length, 16, (i) => store.recordResponse(period, answering[i]!.userId, answering[i]!.branchId, { q1: 3 + (i % 3) }));
  }
  log(`seeded in ${seconds(performance.now() - started)} (${periods.length} periods begun in ${year})`);

  // 2. The functions' DynamoDB traffic through the counter from here on.
  process.env.DYNAMODB_ENDPOINT = counter.endpoint;
  const { resetConfigForTests } = await import('../shared/runtime/config');
  const { resetDbForTests } = await import('../shared/runtime/db');
  resetConfigForTests();
  resetDbForTests();
  const { countSnapshotBatch, snapshotPlan } = await import('../functions/assessment/snapshot-run');
  const { assessedUnits, committeeView, scoreUnit, yearDetails } = await import('../functions/assessment/assessment-view');
  const { branchFigures, satisfactionFigures, unitReadings } = await import('../functions/assessment/platform-sources');
  const { requireScheme } = await import('../functions/assessment/scheme');
  const { organisationUnits } = await import('../shared/runtime/member-directory');

  // 3. The snapshot job: its units, JOB_PARALLEL at once as the work queue's consumers run them.
  const plan = snapshotPlan(year, await organisationUnits());
  const unitMs: number[] = [];
  let calls = counter.total();
  started = performance.now();
  await eachLimited(plan, JOB_PARALLEL, async ({ input }) => {
    const unitStarted = performance.now();
    await countSnapshotBatch('bench', input);
    unitMs.push(performance.now() - unitStarted);
  });
  const jobMs = performance.now() - started;
  const jobCalls = counter.total() - calls;
  log(`snapshot job: ${plan.length} units (≤ ${Math.max(...plan.map((unit) => unit.input.branchIds.length))} branches each), ${JOB_PARALLEL} at once, in ${seconds(jobMs)}; slowest unit ${seconds(Math.max(...unitMs))} of the ${seconds(TIMEOUT_MS)} timeout; ${jobCalls.toLocaleString('en')} DynamoDB calls`);

  // 4. The committee's view from the snapshots.
  const viewMs: number[] = [];
  let viewCalls = 0;
  let units = 0;
  let counted = 0;
  for (let run = 0; run < VIEW_RUNS; run += 1) {
    calls = counter.total();
    started = performance.now();
    const view = await committeeView(year);
    viewMs.push(performance.now() - started);
    viewCalls = counter.total() - calls;
    units = view.units.length;
    counted = view.units.filter((unit) => unit.snapshot !== undefined).length;
  }
  const fromSnapshots = median(viewMs);
  log(`view from snapshots: ${units.toLocaleString('en')} units (${counted.toLocaleString('en')} with a snapshot), median ${seconds(fromSnapshots)} of ${VIEW_RUNS} (${viewMs.map((ms) => Math.round(ms)).join(', ')} ms), ${viewCalls} DynamoDB calls`);

  // 5. The exports' reads of the year from the snapshots and their kept counts: the group's bureaus, and one bureau
  // with its branches (the two files the committee downloads).
  calls = counter.total();
  started = performance.now();
  const group = await yearDetails(year);
  const exportMs = performance.now() - started;
  const exportCalls = counter.total() - calls;
  calls = counter.total();
  started = performance.now();
  const oneBureau = await yearDetails(year, 'bureau-0');
  const bureauExportMs = performance.now() - started;
  const bureauExportCalls = counter.total() - calls;
  log(`exports' reads: the bureaus, ${group.details.length.toLocaleString('en')} unit-quarters in ${seconds(exportMs)} (${exportCalls} calls); one bureau and its branches, ${oneBureau.details.length.toLocaleString('en')} in ${seconds(bureauExportMs)} (${bureauExportCalls} calls)`);

  // 6. The baseline: the view computed from every source on the request, as it was before the snapshots: every
  // branch's figures for every quarter begun, each quarter's survey, results and scores, then every unit scored.
  calls = counter.total();
  started = performance.now();
  const scheme = await requireScheme(year);
  const organisation = await organisationUnits();
  const branches = organisation.filter((unit) => unit.kind === 'branch');
  const begun = periodsOf(year).filter((period) => periodBegun(period, now));
  const cutoffs = begun.map((period) => ({ period, until: new Date(Math.min(Date.parse(periodRange(period).to), now.getTime())).toISOString() }));
  const figuresOf = new Map<string, Awaited<ReturnType<typeof branchFigures>>>();
  for (const branch of branches) figuresOf.set(branch.id, await branchFigures(branch.id, cutoffs));
  let scoredUnits = 0;
  for (const period of begun) {
    const [satisfaction, results, evaluations] = [await satisfactionFigures(period), await store.periodResults(period), await store.periodEvaluations(period)];
    const figures = new Map(branches.map((branch) => [branch.id, figuresOf.get(branch.id)?.get(period)]));
    for (const unit of assessedUnits(organisation)) {
      const members = unit.kind === 'branch' ? [unit.id] : branches.filter((branch) => branch.parentId === unit.id).map((branch) => branch.id);
      scoreUnit(scheme, {
        period,
        platform: unitReadings(members, figures, satisfaction),
        results: results.filter((result) => result.unitCode === unit.id),
        evaluations: evaluations.filter((evaluation) => evaluation.unitCode === unit.id),
      });
      scoredUnits += 1;
    }
  }
  const perRequest = performance.now() - started;
  const liveCalls = counter.total() - calls;
  log(`view computed per request: ${scoredUnits.toLocaleString('en')} unit-quarters in ${seconds(perRequest)}, ${liveCalls.toLocaleString('en')} DynamoDB calls`);

  log('');
  log('| committee view | latency | DynamoDB calls | within the 29 s timeout |');
  log('|---|---|---|---|');
  log(`| from snapshots (median of ${VIEW_RUNS}) | ${seconds(fromSnapshots)} | ${viewCalls.toLocaleString('en')} | ${fromSnapshots < TIMEOUT_MS ? 'yes' : 'NO'} |`);
  log(`| computed per request (baseline) | ${seconds(perRequest)} | ${liveCalls.toLocaleString('en')} | ${perRequest < TIMEOUT_MS ? 'yes' : 'NO'} |`);
  log(`| export read: the bureaus, from kept counts | ${seconds(exportMs)} | ${exportCalls.toLocaleString('en')} | ${exportMs < TIMEOUT_MS ? 'yes' : 'NO'} |`);
  log(`| export read: one bureau and its branches | ${seconds(bureauExportMs)} | ${bureauExportCalls.toLocaleString('en')} | ${bureauExportMs < TIMEOUT_MS ? 'yes' : 'NO'} |`);
  log(`ratio: the view from snapshots is ${(perRequest / fromSnapshots).toFixed(1)}× faster than per request (${(liveCalls / Math.max(1, viewCalls)).toFixed(0)}× fewer DynamoDB calls)`);
  log(`the snapshot job behind it: ${seconds(jobMs)} wall for ${plan.length} units; slowest unit ${seconds(Math.max(...unitMs))} (within the ${seconds(TIMEOUT_MS)} timeout: ${Math.max(...unitMs) < TIMEOUT_MS ? 'met' : 'NOT MET'})`);
  await counter.close();
  await dynamo.stop();
  process.exit(fromSnapshots < TIMEOUT_MS && counted === units && Math.max(...unitMs) < TIMEOUT_MS ? 0 : 1);
}

const inParallel = (count: number, parallel: number, work: (index: number) => Promise<unknown>) => eachLimited(Array.from({ length: count }, (_, index) => index), parallel, work);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
