import { randomUUID } from 'node:crypto';
import { errorBodySchema, signupApi, type Member } from '../../shared/api';
import { putMembers } from '../../functions/identity/store';
import { signupInvariants } from '../../functions/signup/invariants';
import { activitySnapshot } from '../../functions/signup/store';
import { resetConfigForTests } from '../../shared/runtime/config';
import { resetDbForTests } from '../../shared/runtime/db';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { startPlatform, type RunningPlatform } from '../support/platform';

/**
 * Issue #15 item 5: a burst of sign-ups against the platform as `npm start` runs it. Every answer must be one the
 * app understands — the contract's answer (confirmed, waitlisted), its refusals (full, already registered), or a
 * 5xx the app sends again — never a 200 that is not the contract's answer; the seats read back must be right;
 * and the route must answer normally right after the burst.
 */
const BURST = 300;
const CAPACITY = 20;
const WAITLIST = 10;
const BRANCH = 'songling-zhuangzhi';
const HOUR = 3_600_000;
/** The issue's recovery condition: the route answers normally within 10 s of the burst. */
const RECOVERY_MS = 10_000;
/** A registration that met a 5xx is sent again, as the app's outbox does, at most this often. */
const MAX_SENDS = 8;

let platform: RunningPlatform;
let secretary: string;
let tokens: string[];

const burstMember = (serial: number): Member => ({
  userId: `burst-${String(serial).padStart(3, '0')}`,
  name: `突击报名${serial}`,
  branchId: BRANCH,
  category: 'ranger',
  postTags: [],
  roles: ['member'],
  updatedAt: new Date().toISOString(),
});

beforeAll(async () => {
  platform = await startPlatform();
  // The test reads and writes the platform's own table (its in-memory DynamoDB Local) and signs sessions with its key.
  Object.assign(process.env, { DYNAMODB_ENDPOINT: platform.dynamoEndpoint, TABLE_NAME: platform.tableName, STAGE: 'local' });
  resetConfigForTests();
  resetDbForTests();
  const members = Array.from({ length: BURST + 1 }, (_, i) => burstMember(i + 1));
  await putMembers(members);
  tokens = await Promise.all(members.map(async (member) => (await issueSession(member)).token));
  secretary = (await issueSession(DEMO_ACCOUNTS.find((account) => account.userId === 'demo-secretary')!)).token;
}, 600_000);

afterAll(async () => {
  resetDbForTests();
  await platform?.stop();
}, 30_000);

interface Answer {
  status: number;
  retryAfter: string | null;
  text: string;
}

async function post(path: string, token: string, body: unknown, timeoutMs = 60_000): Promise<Answer> {
  const reply = await fetch(`${platform.apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: reply.status, retryAfter: reply.headers.get('retry-after'), text: await reply.text() };
}

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** What the app makes of an answer: the contract's registration, one of its refusals, a retry, or something it cannot trust. */
function verdict(answer: Answer): 'confirmed' | 'waitlisted' | 'ACTIVITY_FULL' | 'SIGNUP_ALREADY_REGISTERED' | 'retry' | string {
  const body = parsed(answer.text);
  if (answer.status >= 200 && answer.status < 300) {
    const registered = signupApi.register.response.safeParse(body);
    return registered.success ? registered.data.registration.status : `${answer.status} outside the contract: ${answer.text.slice(0, 120)}`;
  }
  const refusal = errorBodySchema.safeParse(body);
  if (answer.status === 409 && refusal.success && ['ACTIVITY_FULL', 'SIGNUP_ALREADY_REGISTERED'].includes(refusal.data.error.code)) return refusal.data.error.code;
  // A 502/504, or a 503 with Retry-After: the app keeps the write (待发送) and sends it again.
  if (answer.status === 502 || answer.status === 504 || (answer.status === 503 && (answer.retryAfter !== null || refusal.success))) return 'retry';
  return `${answer.status}: ${answer.text.slice(0, 120)}`;
}

const tally = (verdicts: string[]) => verdicts.reduce<Record<string, number>>((counts, v) => ({ ...counts, [v]: (counts[v] ?? 0) + 1 }), {});

describe('the local stack under a burst of sign-ups', () => {
  it(`answers ${BURST} registrations at once only with contract answers or retryable 5xx, keeps the seats right, and answers normally right after`, async () => {
    const now = Date.now();
    const created = await post('/activities', secretary, {
      clientRequestId: `burst-${randomUUID()}`,
      title: '扑火队集结：春防演练',
      type: 'volunteer',
      description: '春季防火演练，名额有限',
      place: '壮志林场 3 号瞭望塔',
      startAt: new Date(now + 72 * HOUR).toISOString(),
      endAt: new Date(now + 76 * HOUR).toISOString(),
      signupOpensAt: new Date(now - HOUR).toISOString(),
      signupDeadline: new Date(now + 48 * HOUR).toISOString(),
      capacity: CAPACITY,
      waitlistSize: WAITLIST,
      branchIds: [BRANCH],
      categories: [],
      checkInRequired: false,
    });
    expect(created.status).toBe(201);
    const id = (parsed(created.text) as { activity: { id: string } }).activity.id;
    const path = `/activities/${id}/registrations`;

    // Every member at once, each once, with its own request id.
    const requestIds = tokens.slice(0, BURST).map(() => `burst-${randomUUID()}`);
    const burst = await Promise.all(requestIds.map((clientRequestId, i) => post(path, tokens[i]!, { clientRequestId })));
    const verdicts = burst.map(verdict);
    const known = ['confirmed', 'waitlisted', 'ACTIVITY_FULL', 'SIGNUP_ALREADY_REGISTERED', 'retry'];
    expect(verdicts.filter((v) => !known.includes(v))).toEqual([]);
    console.log(`burst of ${BURST}: ${JSON.stringify(tally(verdicts))}`);

    // Right after the burst a member who was not in it registers normally.
    const late = await post(path, tokens[BURST]!, { clientRequestId: `burst-${randomUUID()}` }, RECOVERY_MS);
    expect(['confirmed', 'waitlisted', 'ACTIVITY_FULL']).toContain(verdict(late));

    // Those told to retry send the same request again, as the app's outbox does, until the answer is definite.
    const final = [...verdicts];
    for (let sends = 2; sends <= MAX_SENDS && final.includes('retry'); sends += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await Promise.all(
        final.map(async (v, i) => {
          if (v === 'retry') final[i] = verdict(await post(path, tokens[i]!, { clientRequestId: requestIds[i] }));
        }),
      );
    }
    expect(final.filter((v) => !['confirmed', 'waitlisted', 'ACTIVITY_FULL'].includes(v))).toEqual([]);

    // Read back from the table: what each member was told is what happened, and the seats add up.
    const snapshot = (await activitySnapshot(id))!;
    expect(signupInvariants(snapshot).filter((check) => !check.holds)).toEqual([]);
    const stored = new Map(snapshot.registrations.map((registration) => [registration.userId, registration.status]));
    const told = new Map(final.map((v, i) => [burstMember(i + 1).userId, v]));
    for (const [userId, answer] of told) expect([userId, stored.get(userId) ?? 'ACTIVITY_FULL']).toEqual([userId, answer]);
    expect(snapshot.activity.confirmedCount).toBe(CAPACITY);
    expect(snapshot.activity.waitlistCount).toBe(WAITLIST);
  }, 300_000);
});
