/**
 * `npm run bench:signup [-- --connections 10]`
 *
 * Against the local stack as `npm start` runs it (the local runtime over DynamoDB Local, on free ports, with a
 * fake WeCom on loopback taking the notices), over HTTP:
 * 1. 1,000 registrations from 1,000 distinct members, all issued at once, for an activity with 100 seats and a
 *    waitlist of 50: confirmed, waitlisted, refused, the final seat counter, p50/p99 latency, requests/s.
 *    Required (the issue's baseline): exactly 100 confirmed, exactly 50 waitlisted, counter = confirmed.
 * 2. Duplicates: 100 repeats of answered requests (same clientRequestId) and 100 second registrations by
 *    registered members (new clientRequestId), at once: nothing may change.
 * 3. 200 cancellations and new registrations mixed, at once: cancelled seats pass to the waitlist in order.
 * 4. The same 1,000 registrations truly at once: the real handler called in this process, 1,000 invocations in
 *    flight together against the same DynamoDB Local (what 1,000 Lambda copies would do to the table).
 * After each phase everything is read back from the table (and through the organiser's API), never trusting
 * the counters: confirmed ≤ capacity, counters = what the registrations say, the waitlist entries match the
 * waiting registrations in ticket order, nobody waits while a seat is free, promotions follow the queue.
 *
 * the local runtime runs concurrent invocations in a few worker-thread copies per function; `--connections` bounds how
 * many requests are in flight at once (all are queued at the start), so the run fits 2 shared cores. A send
 * that times out or meets a 5xx is sent again with the same clientRequestId, as the app does; the figures
 * count every send.
 */
import { randomUUID } from 'node:crypto';
import type { Member } from '../shared/api/identity-model';
import { resetConfigForTests } from '../shared/runtime/config';
import { resetDbForTests } from '../shared/runtime/db';
import { issueSession } from '../shared/runtime/session';
import { putMembers } from '../functions/identity/store';
import { signupInvariants, type ActivitySnapshot, type InvariantCheck } from '../functions/signup/invariants';
import { activitySnapshot } from '../functions/signup/store';
import { DEMO_ACCOUNTS } from '../scripts/local/demo-data';
import { apiEvent } from '../tests/support/api';
import { startFakeWecom } from '../tests/support/fake-wecom';
import { startPlatform } from '../tests/support/platform';

const argument = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const CONNECTIONS = argument('connections', 10);
const MEMBERS = 1_000;
const CAPACITY = 100;
const WAITLIST = 50;
const MIXED_CANCEL_CONFIRMED = 70;
const MIXED_CANCEL_WAITING = 20;
const MIXED_NEW = 200 - MIXED_CANCEL_CONFIRMED - MIXED_CANCEL_WAITING;
const BRANCH = 'songling-zhuangzhi';
const HOUR = 3_600_000;

interface Planned {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  token: string;
  body?: unknown;
}

/** The parts of the sign-up API's answers (and its error contract) the bench reads. */
interface ReplyBody {
  error?: { code: string; message?: string };
  message?: string;
  registration?: { status: string; position?: number };
  activity?: { id: string };
  replayed?: boolean;
}

interface Answer {
  planned: Planned;
  status: number;
  body: ReplyBody;
  /** Sends it took to get a definite answer (a timeout or a 5xx is sent again, with the same request id). */
  sends: number;
}

interface LoadRun {
  /** Milliseconds of every send, answered or not. */
  latencies: number[];
  seconds: number;
}

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_SENDS = 12;
/** Before sending again: time for the local runtime to replace a copy it stopped at the function timeout. */
const resendPause = (sends: number) => new Promise((resolve) => setTimeout(resolve, Math.min(5000, 1000 * sends)));

/**
 * Sends every planned request, `CONNECTIONS` in flight at a time, the way the app does: a request that times
 * out or meets a 5xx (a cold or overloaded local worker) is sent again with the same body — the same
 * clientRequestId — until it gets a definite answer. (autocannon re-sends timed-out requests on its own and
 * cannot tell which member an answer belongs to after that, so this small pool drives the load instead.)
 */
async function fire(origin: string, plan: Planned[], connections = CONNECTIONS): Promise<{ answers: Answer[]; run: LoadRun }> {
  const answers: Answer[] = [];
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const send = async (planned: Planned): Promise<Answer> => {
    for (let sends = 1; ; sends += 1) {
      const sent = performance.now();
      try {
        const reply = await fetch(`${origin}${planned.path}`, {
          method: planned.method,
          headers: { authorization: `Bearer ${planned.token}`, 'content-type': 'application/json' },
          body: planned.body === undefined ? undefined : JSON.stringify(planned.body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const text = await reply.text();
        latencies.push(performance.now() - sent);
        const body = (text ? JSON.parse(text) : {}) as ReplyBody;
        // A timed-out or crashed copy answers 5xx (503 with Retry-After when it timed out): send again.
        const definite = reply.status < 500;
        if (definite || sends >= MAX_SENDS) return { planned, status: reply.status, body, sends };
      } catch (error) {
        latencies.push(performance.now() - sent);
        if (sends >= MAX_SENDS) return { planned, status: 0, body: { message: error instanceof Error ? error.name : String(error) }, sends };
      }
      await resendPause(sends);
    }
  };
  const lanes = Array.from({ length: Math.min(connections, plan.length) }, async () => {
    while (next < plan.length) answers.push(await send(plan[next++]!));
  });
  await Promise.all(lanes);
  return { answers, run: { latencies, seconds: (performance.now() - started) / 1000 } };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

function benchMember(serial: number): Member {
  const categories: Member['category'][] = ['ranger', 'production', 'ranger', 'mobile'];
  return {
    userId: `bench-${String(serial).padStart(4, '0')}`,
    name: `压测党员${serial}`,
    branchId: BRANCH,
    category: categories[serial % categories.length]!,
    postTags: ['护林'],
    roles: ['member'],
    updatedAt: new Date().toISOString(),
  };
}

/** The invariants, each printed as a line that says what was checked; returns the ones that failed. */
function invariants(snapshot: ActivitySnapshot, api: { confirmedCount: number; waitlistCount: number; positions: string[] }): string[] {
  const waiting = snapshot.registrations.filter((r) => r.status === 'waitlisted').sort((a, b) => a.waitTicket!.localeCompare(b.waitTicket!));
  const checks: InvariantCheck[] = [
    ...signupInvariants(snapshot),
    { rule: "the organiser's API shows the same counters", holds: api.confirmedCount === snapshot.activity.confirmedCount && api.waitlistCount === waiting.length },
    { rule: "the organiser's API lists the waitlist in the same order", holds: api.positions.join() === waiting.map((r) => r.userId).join() },
  ];
  for (const check of checks) console.log(`  ${check.holds ? '✓' : '✗'} ${check.rule}`);
  return checks.filter((check) => !check.holds).map((check) => check.rule);
}

async function apiView(apiUrl: string, token: string, id: string) {
  const headers = { authorization: `Bearer ${token}` };
  const read = async <T>(path: string): Promise<T> => {
    const reply = await fetch(`${apiUrl}${path}`, { headers, signal: AbortSignal.timeout(60_000) });
    if (!reply.ok) throw new Error(`GET ${path} answered ${reply.status}: ${await reply.text()}`);
    return (await reply.json()) as T;
  };
  const detail = await read<{ activity: { confirmedCount: number; waitlistCount: number } }>(`/activities/${id}`);
  const attendance = await read<{ members: Array<{ userId: string; status: string; position?: number }> }>(`/activities/${id}/attendance`);
  const positions = attendance.members.filter((m) => m.status === 'waitlisted').sort((a, b) => a.position! - b.position!).map((m) => m.userId);
  return { ...detail.activity, positions };
}

const count = (answers: Answer[], test: (answer: Answer) => boolean) => answers.filter(test).length;

/** Answers outside the expected ones, by HTTP status and error code: "503 SIGNUP_BUSY × 3". */
function unexpected(answers: Answer[], expected: string[]): string {
  const tally = new Map<string, number>();
  for (const answer of answers) {
    const status = statusOf(answer);
    if (expected.includes(status)) continue;
    const key = `${answer.status} ${answer.body.error?.code ?? answer.body.message ?? ''}`.trim();
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return tally.size === 0 ? 'none' : [...tally].map(([key, n]) => `${key} × ${n}`).join(', ');
}
const statusOf = (answer: Pick<Answer, 'status' | 'body'>) => answer.body.registration?.status ?? answer.body.error?.code ?? String(answer.status);
const ms = (value: number) => `${value.toFixed(0)} ms`;

function printRun(label: string, answers: Answer[], run: LoadRun) {
  const resent = answers.filter((a) => a.sends > 1).length;
  console.log(
    `  ${label}: p50 ${ms(percentile(run.latencies, 50))}, p99 ${ms(percentile(run.latencies, 99))}, ${(answers.length / run.seconds).toFixed(1)} requests/s (${answers.length} in ${run.seconds.toFixed(1)} s; ${resent} sent again after a timeout or 5xx)`,
  );
}


/**
 * Phase 4: every registration in flight at once through the real handler in this process; a 5xx is sent again
 * with the same clientRequestId, as the app does. Returns the failed invariants.
 */
async function burstInProcess(activityBody: Record<string, unknown>, secretary: string, tokens: string[]): Promise<string[]> {
  const { httpHandler } = await import('../functions/signup/handler');
  const context = { awsRequestId: 'bench', functionName: 'signup', getRemainingTimeInMillis: () => 60_000 } as never;
  const invoke = async (method: string, path: string, token: string, body?: unknown) => {
    const reply = await httpHandler(apiEvent(method, path, { token, body }), context);
    return { status: reply.statusCode ?? 0, body: JSON.parse(String(reply.body ?? '{}')) as ReplyBody };
  };
  const created = await invoke('POST', '/api/v1/activities', secretary, { ...activityBody, clientRequestId: `bench-${randomUUID()}` });
  const id = created.body.activity?.id as string;
  const started = performance.now();
  const latencies: number[] = [];
  let resent = 0;
  const answers = await Promise.all(
    tokens.slice(0, MEMBERS).map(async (token) => {
      const body = { clientRequestId: `bench-${randomUUID()}` };
      for (let sends = 1; ; sends += 1) {
        const sent = performance.now();
        const answer = await invoke('POST', `/api/v1/activities/${id}/registrations`, token, body);
        latencies.push(performance.now() - sent);
        if (answer.status < 500 || sends >= MAX_SENDS) return answer;
        resent += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const tally = new Map<string, number>();
  for (const answer of answers) tally.set(statusOf(answer), (tally.get(statusOf(answer)) ?? 0) + 1);
  const state = (await activitySnapshot(id))!;
  console.log(`  answers: ${[...tally].map(([key, n]) => `${key} ${n}`).join(', ')}; final seat counter ${state.activity.confirmedCount}, waitlist counter ${state.activity.waitlistCount}`);
  console.log(`  latency: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, ${(MEMBERS / seconds).toFixed(1)} registrations/s (${MEMBERS} in ${seconds.toFixed(1)} s; ${resent} sends again after a 5xx)`);
  const failures: string[] = [];
  if (tally.get('confirmed') !== CAPACITY || tally.get('waitlisted') !== WAITLIST) failures.push('phase 4 baseline');
  const checks = signupInvariants(state);
  for (const check of checks) console.log(`  ${check.holds ? '✓' : '✗'} ${check.rule}`);
  return [...failures, ...checks.filter((check) => !check.holds).map((check) => check.rule)];
}

async function main(): Promise<void> {
  const started = Date.now();
  const wecom = await startFakeWecom('ww-bench-corp', 'bench-secret');
  Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: 'ww-bench-corp', WECOM_APP_SECRET: 'bench-secret', LOG_LEVEL: 'WARN' });
  console.log('starting the local stack (npm start on free ports, in-memory DynamoDB Local)…');
  const platform = await startPlatform();
  const failures: string[] = [];
  try {
    Object.assign(process.env, { DYNAMODB_ENDPOINT: platform.dynamoEndpoint, TABLE_NAME: platform.tableName, STAGE: 'local' });
    resetConfigForTests();
    resetDbForTests();
    const origin = new URL(platform.apiUrl).origin;
    const members = Array.from({ length: MEMBERS + MIXED_NEW }, (_, i) => benchMember(i + 1));
    await putMembers(members);
    const tokens = await Promise.all(members.map(async (member) => (await issueSession(member)).token));
    const secretary = (await issueSession(DEMO_ACCOUNTS.find((a) => a.userId === 'demo-secretary')!)).token;
    console.log(`${members.length} members in the roster, sessions signed with the stack's key; ${CONNECTIONS} requests in flight at a time`);

    const now = Date.now();
    const activityBody = JSON.stringify({
      clientRequestId: `bench-${randomUUID()}`,
      title: '义务植树：火烧迹地更新造林',
      type: 'volunteer',
      description: '压测活动',
      place: '壮志林场 12 林班',
      startAt: new Date(now + 72 * HOUR).toISOString(),
      endAt: new Date(now + 78 * HOUR).toISOString(),
      signupOpensAt: new Date(now - HOUR).toISOString(),
      signupDeadline: new Date(now + 48 * HOUR).toISOString(),
      capacity: CAPACITY,
      waitlistSize: WAITLIST,
      branchIds: [BRANCH],
      categories: [],
      checkInRequired: true,
    });
    // The first call may meet a cold function; the same clientRequestId makes trying again safe.
    let id: string | undefined;
    for (let attempt = 1; !id; attempt += 1) {
      const created = await fetch(`${platform.apiUrl}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretary}`, 'content-type': 'application/json' },
        body: activityBody,
      });
      const reply = (await created.json()) as { activity?: { id: string } };
      id = reply.activity?.id;
      if (!id && attempt >= 5) throw new Error(`the activity could not be created: ${created.status} ${JSON.stringify(reply)}`);
    }
    const path = `/api/v1/activities/${id}`;

    // The local runtime (scripts/local/api) starts copies of the function up to its limit and replaces one that
    // overruns the 10 s function timeout. Starting many at once on 2 busy cores makes starts overrun: ramp up, a few
    // new workers at a time, until all answer promptly; the phases follow closely so none goes idle.
    for (let lanes = 1; lanes <= CONNECTIONS; lanes = lanes === CONNECTIONS ? lanes + 1 : Math.min(CONNECTIONS, lanes * 2)) {
      for (let round = 1; round <= 5; round += 1) {
        const warm = await fire(origin, Array.from({ length: lanes * 3 }, (_, i) => ({ method: 'GET' as const, path, token: tokens[i % MEMBERS]! })), lanes);
        const slowest = Math.max(...warm.run.latencies);
        if (slowest < 1500) break;
        console.log(`  warming ${lanes} workers: slowest answer ${ms(slowest)}, once more`);
      }
    }
    console.log(`\n1. ${MEMBERS} registrations at once from ${MEMBERS} members; ${CAPACITY} seats, waitlist ${WAITLIST}`);
    const requestIds = members.map(() => `bench-${randomUUID()}`);
    const phase1 = await fire(
      origin,
      members.slice(0, MEMBERS).map((_, i) => ({ method: 'POST', path: `${path}/registrations`, token: tokens[i]!, body: { clientRequestId: requestIds[i] } })),
    );
    const confirmed = count(phase1.answers, (a) => statusOf(a) === 'confirmed');
    const waitlisted = count(phase1.answers, (a) => statusOf(a) === 'waitlisted');
    const refused = count(phase1.answers, (a) => statusOf(a) === 'ACTIVITY_FULL');
    const other = phase1.answers.length - confirmed - waitlisted - refused;
    let state = (await activitySnapshot(id))!;
    const duplicatesInTable = state.registrations.length - new Set(state.registrations.map((r) => r.userId)).size;
    console.log(`  confirmed ${confirmed}, waitlisted ${waitlisted}, refused (full) ${refused}, other answers ${other} (${unexpected(phase1.answers, ['confirmed', 'waitlisted', 'ACTIVITY_FULL'])}), no answer ${MEMBERS - phase1.answers.length}`);
    console.log(`  duplicates (members with two registrations): ${duplicatesInTable}; final seat counter ${state.activity.confirmedCount}, waitlist counter ${state.activity.waitlistCount}`);
    printRun('latency', phase1.answers, phase1.run);
    const positions = phase1.answers.filter((a) => statusOf(a) === 'waitlisted').map((a) => a.body.registration?.position ?? 0);
    const baselineOk = confirmed === CAPACITY && waitlisted === WAITLIST && state.activity.confirmedCount === confirmed && other === 0;
    console.log(`  baseline (issue 5): exactly ${CAPACITY} confirmed, exactly ${WAITLIST} waitlisted, counter = confirmed → ${baselineOk ? 'met' : 'NOT MET'} (${confirmed}/${CAPACITY}, ${waitlisted}/${WAITLIST}, ${state.activity.confirmedCount}/${confirmed}; ratio ${(confirmed / CAPACITY).toFixed(2)} and ${(waitlisted / WAITLIST).toFixed(2)})`);
    if (!baselineOk) failures.push('phase 1 baseline');
    const sortedPositions = [...positions].sort((a, b) => a - b);
    const positionsOk = sortedPositions.every((p, i) => p === i + 1);
    console.log(`  ${positionsOk ? '✓' : '✗'} waitlist places answered: ${sortedPositions.length > 0 ? `1…${sortedPositions.at(-1)}` : 'none'}, each once`);
    if (!positionsOk) failures.push('waitlist places');
    failures.push(...invariants(state, await apiView(platform.apiUrl, secretary, id)));

    console.log('\n2. duplicates at once: 100 repeated requests (same clientRequestId) and 100 second registrations (new id)');
    const answered = phase1.answers.filter((a) => a.body.registration !== undefined).slice(0, 100);
    const repeatPlan: Planned[] = answered.map((a) => a.planned);
    const secondPlan: Planned[] = answered.map((a) => ({ ...a.planned, body: { clientRequestId: `bench-second-${randomUUID()}` } }));
    const before = state;
    const phase2 = await fire(origin, [...repeatPlan, ...secondPlan]);
    const replayed = count(phase2.answers, (a) => a.status === 200 && a.body.replayed === true);
    const refusedSecond = count(phase2.answers, (a) => a.body.error?.code === 'SIGNUP_ALREADY_REGISTERED');
    state = (await activitySnapshot(id))!;
    const unchanged =
      state.activity.confirmedCount === before.activity.confirmedCount &&
      state.activity.waitlistCount === before.activity.waitlistCount &&
      state.registrations.length === before.registrations.length;
    console.log(`  repeats answered with the first outcome ${replayed}/100, second registrations refused ${refusedSecond}/100, table ${unchanged ? 'unchanged' : 'CHANGED'}`);
    printRun('latency', phase2.answers, phase2.run);
    if (replayed !== 100 || refusedSecond !== 100 || !unchanged) failures.push('duplicates');

    console.log(`\n3. 200 at once: ${MIXED_CANCEL_CONFIRMED} confirmed members cancel, ${MIXED_CANCEL_WAITING} waiting members leave, ${MIXED_NEW} new members register`);
    const tokenOf = new Map(members.map((m, i) => [m.userId, tokens[i]!]));
    const confirmedIds = state.registrations.filter((r) => r.status === 'confirmed').map((r) => r.userId);
    const waitingIds = state.registrations.filter((r) => r.status === 'waitlisted').sort((a, b) => a.waitTicket!.localeCompare(b.waitTicket!)).map((r) => r.userId);
    // Waiting members who leave are taken from the back half, so the front can still be promoted.
    const leaving = waitingIds.slice(-MIXED_CANCEL_WAITING);
    const cancelling = confirmedIds.filter((_, i) => i % 10 < 7).slice(0, MIXED_CANCEL_CONFIRMED);
    const mixedPlan: Planned[] = [
      ...cancelling.map((userId) => ({ method: 'DELETE' as const, path: `${path}/registrations/mine`, token: tokenOf.get(userId)! })),
      ...leaving.map((userId) => ({ method: 'DELETE' as const, path: `${path}/registrations/mine`, token: tokenOf.get(userId)! })),
      ...members.slice(MEMBERS).map((_, i) => ({ method: 'POST' as const, path: `${path}/registrations`, token: tokens[MEMBERS + i]!, body: { clientRequestId: `bench-${randomUUID()}` } })),
    ].sort(() => Math.random() - 0.5);
    const notices = wecom.messages.length;
    const phase3 = await fire(origin, mixedPlan);
    const cancelled = count(phase3.answers, (a) => a.planned.method === 'DELETE' && a.status === 200);
    const joined = phase3.answers.filter((a) => a.planned.method === 'POST');
    console.log(
      `  cancellations done ${cancelled}/${cancelling.length + leaving.length}; new registrations: confirmed ${count(joined, (a) => statusOf(a) === 'confirmed')}, waitlisted ${count(joined, (a) => statusOf(a) === 'waitlisted')}, refused ${count(joined, (a) => statusOf(a) === 'ACTIVITY_FULL')}, other ${count(joined, (a) => !['confirmed', 'waitlisted', 'ACTIVITY_FULL'].includes(statusOf(a)))}`,
    );
    printRun('latency', phase3.answers, phase3.run);
    state = (await activitySnapshot(id))!;
    const promotedNow = state.registrations.filter((r) => r.promotedAt).length;
    console.log(`  promoted from the waitlist ${promotedNow}, promotion notices delivered to the fake WeCom ${wecom.messages.length - notices}`);
    console.log(`  final: seat counter ${state.activity.confirmedCount}/${CAPACITY}, waitlist counter ${state.activity.waitlistCount}/${WAITLIST}`);
    if (cancelled !== cancelling.length + leaving.length) failures.push('cancellations');
    failures.push(...invariants(state, await apiView(platform.apiUrl, secretary, id)));

    console.log(`\n4. ${MEMBERS} registrations truly at once (the real handler in this process, all in flight together); ${CAPACITY} seats, waitlist ${WAITLIST}`);
    failures.push(...(await burstInProcess(JSON.parse(activityBody) as Record<string, unknown>, secretary, tokens)));
  } finally {
    await platform.stop();
    await wecom.close();
  }
  console.log(`\n${failures.length === 0 ? 'all invariants hold' : `FAILED: ${failures.join('; ')}`} (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
