/**
 * npm run bench:scale — issue #17: the group's scheduled work at full size through the fan-out path.
 *
 * Seeds BENCH_MEMBERS (100,000) members in BENCH_BRANCHES (5,000) branches into DynamoDB Local (in memory, a free
 * port), starts the local runtime exactly as `npm start` runs it (each function bundled as deployed, its work queue
 * consumed by worker-thread copies: BENCH_QUEUE_COPIES, 4), and runs each job as its schedule would: the bills, the
 * arrears reminders (to a fake WeCom), the group report's recount and the weekly push. For each job it prints the
 * units, the slowest unit against the function's timeout, the wall time, DynamoDB calls (counted on their way to
 * DynamoDB Local), WeCom calls, and met / not met; beside it the floor measured in the same run: the time to
 * batch-write the same number of items bare.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startDynamoDb } from '../scripts/local/dynamodb';
import { ensureTable } from '../scripts/local/table';
import { eachLimited } from '../shared/runtime/each-limited';
import { startFakeWecomMessages } from '../tests/support/fake-wecom-messages';
import { freePort } from '../tests/support/ports';
import { bareWriteMs, startCallCounter } from './scale-support';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const BRANCHES = Number(process.env.BENCH_BRANCHES ?? Math.max(1, Math.round(MEMBERS / 20)));
const QUEUE_COPIES = Number(process.env.BENCH_QUEUE_COPIES ?? 4);
/** How long the weekly push's sending is watched (it is paced: the whole week takes longer by design). */
const PUSH_WATCH_MS = Number(process.env.BENCH_PUSH_WATCH_SECONDS ?? 300) * 1000;
const ROOT = join(__dirname, '..');
const TABLE = 'bench-scale';
const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface JobFigures {
  job: string;
  units: number;
  slowestUnitMs: number;
  timeoutMs: number;
  wallMs: number;
  dynamoCalls: number;
  wecomCalls: number;
  floorMs?: number;
  targets: Array<[string, boolean]>;
}

async function main(): Promise<void> {
  const dynamo = await startDynamoDb({ port: await freePort() });
  const counter = await startCallCounter(dynamo.endpoint, await freePort());
  const wecom = await startFakeWecomMessages('ww-local-corp', 'local-wecom-secret');
  const [apiPort, lambdaPort] = [await freePort(), await freePort()];
  Object.assign(process.env, { STAGE: 'local', LOG_LEVEL: 'ERROR', TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint, WECOM_BASE_URL: wecom.baseUrl, API_PORT: String(apiPort), LAMBDA_PORT: String(lambdaPort) });
  await ensureTable(dynamo.endpoint, TABLE);
  log(`scale benchmark — ${MEMBERS.toLocaleString('en')} members in ${BRANCHES.toLocaleString('en')} branches, DynamoDB Local in memory, node ${process.version}, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);

  // 1. The organisation, the members and their dues bases (written directly, not counted).
  let started = performance.now();
  const { putMembers, putOrgUnit } = await import('../functions/identity/store');
  const { putBases } = await import('../functions/dues/store');
  const { seedCourses } = await import('../scripts/local/course-seed');
  const { updateSettings, savedSettings } = await import('../functions/course-push/course-settings');
  await putOrgUnit({ id: 'bench-group', kind: 'group', name: '基准林业集团' });
  const bureaus = Math.max(1, Math.round(BRANCHES / 100));
  for (let b = 0; b < bureaus; b += 1) await putOrgUnit({ id: `bureau-${b}`, kind: 'company', name: `基准林业局${b}`, parentId: 'bench-group' });
  await inParallel(BRANCHES, 16, (b) => putOrgUnit({ id: `branch-${b}`, kind: 'branch', name: `基准支部${b}`, parentId: `bureau-${b % bureaus}` }));
  const members = Array.from({ length: MEMBERS }, (_, index) => ({
    userId: `m${String(index).padStart(7, '0')}`,
    name: `党员${index}`,
    branchId: `branch-${index % BRANCHES}`,
    category: (index % 10 === 0 ? 'retiree' : 'ranger') as 'retiree' | 'ranger',
    postTags: index % 3 === 0 ? ['护林员'] : [],
    roles: [index % 20 === 0 ? ('secretary' as const) : ('member' as const)],
    updatedAt: new Date().toISOString(),
  }));
  const finance = { ...members[0]!, userId: 'bench-finance', name: '财务', roles: ['member' as const, 'finance' as const] };
  await inParallel(Math.ceil(MEMBERS / 1000), 8, (page) => putMembers(members.slice(page * 1000, page * 1000 + 1000)));
  await putMembers([finance]);
  const { shanghaiMonth } = await import('../functions/dues/months');
  const month = shanghaiMonth(new Date());
  await inParallel(Math.ceil(MEMBERS / 1000), 8, (page) =>
    putBases(members.slice(page * 1000, page * 1000 + 1000).map((member, offset) => ({
      userId: member.userId, name: member.name, branchId: member.branchId, effectiveMonth: `${month.slice(0, 4)}-01`,
      kind: member.category === 'retiree' ? 'pension' : 'wage', baseFen: 250_000 + ((page * 1000 + offset) % 900) * 1000, setBy: 'bench-finance', setAt: new Date().toISOString(),
    }) as Parameters<typeof putBases>[0][number])),
  );
  await seedCourses();
  // The bench runs at any hour: no quiet hours; sending paced at the default rate (or BENCH_PUSH_RATE).
  const settings = await savedSettings();
  await updateSettings({ ...settings, push: { ...settings.push, quietHours: { start: '00:00', end: '00:00' }, sendRatePerSecond: Number(process.env.BENCH_PUSH_RATE ?? settings.push.sendRatePerSecond) } }, 'bench');
  log(`seeded in ${seconds(performance.now() - started)}`);

  // 2. The floor: the bills' number of items batch-written bare, with the bills job's parallelism.
  // As many requests in flight as the bills job keeps: its consumer copies × the few each unit keeps going.
  const floorInFlight = QUEUE_COPIES * 4;
  const floorMs = await bareWriteMs(dynamo.endpoint, TABLE, MEMBERS, floorInFlight);
  log(`floor: ${MEMBERS.toLocaleString('en')} items batch-written bare (${floorInFlight} requests in flight) in ${seconds(floorMs)}`);

  // 3. The platform as npm start runs it, its functions talking to DynamoDB through the counter.
  process.env.DYNAMODB_ENDPOINT = counter.endpoint;
  const { startLocalApi } = await import('../scripts/local/api');
  started = performance.now();
  const api = await startLocalApi({ root: ROOT, httpPort: apiPort, lambdaPort, copiesPerFunction: 2, queueCopies: QUEUE_COPIES, queueRetryDelayMs: 5_000 });
  log(`local runtime: functions bundled and started in ${seconds(performance.now() - started)}, ${QUEUE_COPIES} queue copies per function`);
  const timeoutOf = (fnKey: string) => api.functions.find((fn) => fn.key === fnKey)!.timeoutMs;

  const runJob = async (fnKey: string, job: string): Promise<Omit<JobFigures, 'targets'>> => {
    const queue = api.queues.get(fnKey)!;
    const deliveriesBefore = queue.deliveries.length;
    const [calls, wecomBefore] = [counter.total(), wecom.delivered.length];
    const jobStarted = performance.now();
    const planned = await api.invoke(fnKey, { job });
    if (planned.kind !== 'returned') throw new Error(`${job} failed: ${JSON.stringify(planned)}`);
    await queue.drained();
    const deliveries = queue.deliveries.slice(deliveriesBefore);
    return {
      job,
      units: deliveries.length,
      slowestUnitMs: Math.max(0, ...deliveries.map((delivery) => delivery.ms)),
      timeoutMs: timeoutOf(fnKey),
      wallMs: performance.now() - jobStarted,
      dynamoCalls: counter.total() - calls,
      wecomCalls: wecom.delivered.length - wecomBefore,
    };
  };
  const results: JobFigures[] = [];
  const unitTarget = (figures: Omit<JobFigures, 'targets'>): [string, boolean] => ['every unit < 25% of its timeout', figures.slowestUnitMs < figures.timeoutMs / 4];

  const bills = await runJob('dues', 'generateBills');
  results.push({ ...bills, floorMs, targets: [unitTarget(bills), ['within 3× the floor', bills.wallMs <= 3 * floorMs], ['under 10 minutes', bills.wallMs < 600_000]] });
  const reminders = await runJob('dues', 'arrearsReminders');
  const { readRun } = await import('../shared/runtime/fanout');
  const reminderCounts = (await readRun(`arrearsReminders.${shanghaiMonth(new Date())}`))?.counts ?? {};
  // Each branch's reminder is on record: sent now, or kept by the outbox for its retry job when WeCom was slow.
  const remindersOnRecord = Object.entries(reminderCounts).filter(([name]) => name.startsWith('notice-')).reduce((sum, [, n]) => sum + n, 0);
  log(`reminders run: ${JSON.stringify(reminderCounts)}`);
  results.push({ ...reminders, targets: [unitTarget(reminders), ['under 10 minutes', reminders.wallMs < 600_000], [`a reminder on record for every branch (${remindersOnRecord} of ${BRANCHES})`, remindersOnRecord >= BRANCHES]] });
  const report = await runJob('dues', 'refreshReport');
  // The group's year report as finance asks for it: one request, reading the counted figures.
  const { issueSession } = await import('../shared/runtime/session');
  const token = (await issueSession(finance)).token;
  const [callsBefore, requestStarted] = [counter.total(), performance.now()];
  const answer = await fetch(`http://127.0.0.1:${apiPort}/api/v1/dues/reports?year=${month.slice(0, 4)}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await answer.json()) as { rows?: unknown[]; asOf?: string };
  const requestMs = performance.now() - requestStarted;
  const requestCalls = counter.total() - callsBefore;
  results.push({ ...report, targets: [unitTarget(report), [`the report request: ${body.rows?.length ?? 0} branches in ${Math.round(requestMs)} ms, ${requestCalls} DynamoDB calls`, answer.ok && body.rows?.length === BRANCHES && requestCalls < 40]] });

  // The ledger: payments of 100 branches appending side by side against 100 payments sharing one chain, and the
  // nightly checkpoint over every branch's chain (the checkpoint job's code, timed in this process).
  const { measureChainContention, measureCheckpoint } = await import('./ledger-chains');
  const contention = await measureChainContention({ branches: 100, appendsPerWriter: 5 });
  log(`ledger appends: 100 branch chains ${contention.perBranch.perSecond.toFixed(0)}/s, one shared chain ${contention.shared.perSecond.toFixed(0)}/s, ratio ${contention.ratio.toFixed(1)}× (target ≥ 10×: ${contention.ratio >= 10 ? 'met' : 'NOT MET'}); bare transactions ${contention.floor.perSecond.toFixed(0)}/s`);
  const checkpoint = await measureCheckpoint({ chains: BRANCHES, entriesPerChain: 2 });
  const checkpointMs = checkpoint.verifyMs + checkpoint.publishMs;
  results.push({
    job: 'ledgerCheckpoint',
    units: 1,
    slowestUnitMs: checkpointMs,
    timeoutMs: timeoutOf('dues'),
    wallMs: checkpointMs,
    dynamoCalls: 0,
    wecomCalls: 0,
    targets: [
      [`${checkpoint.chains} chains, ${checkpoint.entries} entries, verified ${checkpoint.ok ? 'intact' : 'BROKEN'}`, checkpoint.ok],
      ['under 25% of the timeout', checkpointMs < timeoutOf('dues') / 4],
      [`concurrent payments on 100 branches ≥ 10× one shared chain (${contention.ratio.toFixed(1)}×)`, contention.ratio >= 10],
    ],
  });

  // The weekly push: planned whole, its sending paced; watched for a while, its pace measured.
  const push = api.queues.get('coursePush')!;
  const pushBefore = { deliveries: push.deliveries.length, calls: counter.total(), wecom: wecom.delivered.length };
  const pushStarted = performance.now();
  const planned = await api.invoke('coursePush', { job: 'course-push-weekly' });
  if (planned.kind !== 'returned') throw new Error(`the weekly push failed: ${JSON.stringify(planned)}`);
  const planMs = performance.now() - pushStarted;
  const run = planned.value as { total: number };
  await Promise.race([push.drained(), new Promise((resolve) => setTimeout(resolve, PUSH_WATCH_MS))]);
  const watchedMs = performance.now() - pushStarted - planMs;
  const pushDeliveries = push.deliveries.slice(pushBefore.deliveries);
  const pushCalls = wecom.delivered.length - pushBefore.wecom;
  const recipients = wecom.delivered.slice(pushBefore.wecom).reduce((sum, notice) => sum + notice.toUsers.length, 0);
  const rate = (await savedSettings()).push.sendRatePerSecond;
  const paced = pushCalls / (watchedMs / 1000);
  const pushFigures = { job: 'course-push-weekly', units: pushDeliveries.length, slowestUnitMs: Math.max(0, ...pushDeliveries.map((d) => d.ms)), timeoutMs: timeoutOf('coursePush'), wallMs: planMs + watchedMs, dynamoCalls: counter.total() - pushBefore.calls, wecomCalls: pushCalls };
  const drainedAll = push.depth === 0;
  const { getRun } = await import('../functions/course-push/store/push-store');
  const { isoWeekOf } = await import('../functions/course-push/calendar');
  const week = await getRun(isoWeekOf(new Date()));
  log(`weekly push run: ${JSON.stringify(week ? { status: week.status, planned: week.planned, notices: week.notices, recipients: week.recipients, skipped: (week as unknown as { skipped?: unknown }).skipped } : null)}`);
  results.push({
    ...pushFigures,
    targets: [
      [`planned: ${run.total} units of ≤ 1,000 members in ${seconds(planMs)}`, run.total === Math.ceil((MEMBERS + 1) / 1000)],
      [`${drainedAll ? 'sent whole' : `watched ${seconds(watchedMs)}`}: ${pushCalls} WeCom calls to ${recipients} members, ${paced.toFixed(1)} calls/s (configured ${rate}/s a unit, 4 units at once; WeCom allows ~41/s)`, paced <= 41],
      ...(pushDeliveries.length > 0 ? [unitTarget(pushFigures)] : []),
    ],
  });

  log('');
  log('| job | units | slowest unit / timeout | wall | floor (bare writes) | DynamoDB calls | WeCom calls | targets |');
  log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const targets = r.targets.map(([name, met]) => `${name}: ${met ? 'met' : 'NOT MET'}`).join('; ');
    log(`| ${r.job} | ${r.units} | ${seconds(r.slowestUnitMs)} / ${seconds(r.timeoutMs)} (${((100 * r.slowestUnitMs) / r.timeoutMs).toFixed(1)}%) | ${seconds(r.wallMs)} | ${r.floorMs ? `${seconds(r.floorMs)} (wall ${(r.wallMs / r.floorMs).toFixed(2)}×)` : '–'} | ${r.dynamoCalls.toLocaleString('en')} | ${r.wecomCalls.toLocaleString('en')} | ${targets} |`);
  }
  const violations = wecom.violations.length;
  log(`WeCom limit violations: ${violations}`);
  await api.stop();
  await wecom.close();
  await counter.close();
  await dynamo.stop();
  process.exit(results.every((r) => r.targets.every(([, met]) => met)) && violations === 0 ? 0 : 1);
}

const inParallel = (count: number, parallel: number, work: (index: number) => Promise<unknown>) => eachLimited(Array.from({ length: count }, (_, index) => index), parallel, work);

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
