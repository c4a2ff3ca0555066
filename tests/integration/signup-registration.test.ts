import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { injectTransactionFault } from '../../functions/signup/transact';
import { signupInvariants } from '../../functions/signup/invariants';
import { activitySnapshot, listRegistrations } from '../../functions/signup/store';
import { getOutboxRecord } from '../../shared/runtime/outbound';
import { resetConfigForTests } from '../../shared/runtime/config';
import { startFakeWecom, type FakeWecom } from '../support/fake-wecom';
import { useSeededTable } from '../support/table';
import { BRANCH, HOUR, api, createActivityAs, demo, member, registerAs, storeActivity, tokenOf } from './signup-fixtures';

useSeededTable();

let wecom: FakeWecom;
let secretary: string;
const tokens: string[] = [];

beforeAll(async () => {
  wecom = await startFakeWecom('ww-signup-corp', 'signup-secret');
  Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: 'ww-signup-corp', WECOM_APP_SECRET: 'signup-secret' });
  resetConfigForTests();
  secretary = await tokenOf(demo('demo-secretary'));
  for (let i = 0; i < 12; i += 1) tokens.push(await tokenOf(member(`reg-${i}`, { name: `护林员${i}` })));
});

afterAll(async () => {
  injectTransactionFault(undefined);
  await wecom.close();
});

const activity = async (id: string) => (await api('GET', `/activities/${id}`, { token: secretary })).body.activity;
const noticesTo = (userId: string) =>
  wecom.messages.filter((m) => String(m.touser).split('|').includes(userId)).map((m) => (m.miniprogram_notice as { title: string }).title);

describe('registering for an activity', () => {
  it('confirms up to capacity, then waitlists in order, then refuses — under concurrent requests', async () => {
    const id = await createActivityAs(secretary, { capacity: 2, waitlistSize: 2 });
    const replies = await Promise.all(tokens.slice(0, 8).map((token) => registerAs(token, id)));
    const statuses = replies.map((r) => (r.status === 201 ? r.body.registration.status : r.body.error.code));
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'ACTIVITY_FULL')).toHaveLength(4);
    const positions = replies.filter((r) => r.body.registration?.status === 'waitlisted').map((r) => r.body.registration.position);
    expect(positions.sort()).toEqual([1, 2]);
    const refused = replies.find((r) => r.status === 409)!;
    expect(refused.body.error.message).toBe('名额和候补名额都已报满');

    const stored = await listRegistrations(id);
    expect(stored.filter((r) => r.status === 'confirmed')).toHaveLength(2);
    expect(stored.filter((r) => r.status === 'waitlisted')).toHaveLength(2);
    expect(await activity(id)).toMatchObject({ confirmedCount: 2, waitlistCount: 2, seatsLeft: 0, waitlistLeft: 0 });
  });

  it('answers the same request twice with the same outcome and refuses a second registration by the member', async () => {
    const id = await createActivityAs(secretary, { capacity: 5 });
    const first = await registerAs(tokens[0]!, id, 'same-request-0001');
    expect(first.status).toBe(201);
    const again = await registerAs(tokens[0]!, id, 'same-request-0001');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ registration: first.body.registration, replayed: true });
    const second = await registerAs(tokens[0]!, id, 'another-request-02');
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'SIGNUP_ALREADY_REGISTERED', message: '您已报名成功，无需重复报名' });
    expect((await activity(id)).confirmedCount).toBe(1);
    expect(await listRegistrations(id)).toHaveLength(1);
  });

  it('passes a cancelled seat to the first waitlisted member at once and tells them through WeCom', async () => {
    const id = await createActivityAs(secretary, { capacity: 1, waitlistSize: 2, title: '主题党日：重温入党誓词' });
    expect((await registerAs(tokens[0]!, id)).body.registration.status).toBe('confirmed');
    const firstWaiting = await registerAs(tokens[1]!, id);
    const secondWaiting = await registerAs(tokens[2]!, id);
    expect([firstWaiting.body.registration.position, secondWaiting.body.registration.position]).toEqual([1, 2]);

    const cancelled = await api('DELETE', `/activities/${id}/registrations/mine`, { token: tokens[0] });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.registration.status).toBe('cancelled');

    const promoted = await api('GET', `/activities/${id}`, { token: tokens[1] });
    expect(promoted.body.myRegistration).toMatchObject({ status: 'confirmed', userId: 'reg-1' });
    expect(promoted.body.myRegistration.promotedAt).toBeDefined();
    const stillWaiting = await api('GET', `/activities/${id}`, { token: tokens[2] });
    expect(stillWaiting.body.myRegistration).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(await activity(id)).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
    expect(noticesTo('reg-1')).toEqual(['候补报名成功']);
    const notice = wecom.messages.find((m) => m.touser === 'reg-1')!.miniprogram_notice as { content_item: Array<{ key: string; value: string }>; page: string };
    expect(notice.content_item).toEqual(expect.arrayContaining([{ key: '活动', value: '主题党日：重温入党誓词' }]));
    expect(notice.page).toBe(`signup/pages/detail/index?id=${id}`);

    const twice = await api('DELETE', `/activities/${id}/registrations/mine`, { token: tokens[0] });
    expect(twice.status).toBe(200);
    expect(await activity(id)).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
  });

  it('lets a waitlisted member leave the line, moving those behind them up', async () => {
    const id = await createActivityAs(secretary, { capacity: 1, waitlistSize: 3 });
    for (const token of tokens.slice(0, 4)) await registerAs(token, id);
    expect((await api('DELETE', `/activities/${id}/registrations/mine`, { token: tokens[1] })).body.registration.status).toBe('cancelled');
    const third = await api('GET', `/activities/${id}`, { token: tokens[3] });
    expect(third.body.myRegistration).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await activity(id)).toMatchObject({ confirmedCount: 1, waitlistCount: 2 });
    expect(noticesTo('reg-2')).toEqual([]);
  });

  it('answers twin requests sent at once (a weak network resending) with one registration', async () => {
    const id = await createActivityAs(secretary, { capacity: 3 });
    const [a, b] = await Promise.all([registerAs(tokens[4]!, id, 'twin-request-001'), registerAs(tokens[4]!, id, 'twin-request-001')]);
    expect([a.status, b.status]).not.toContain(409);
    expect(a.body.registration).toEqual(b.body.registration);
    expect((await activity(id)).confirmedCount).toBe(1);
    expect(await listRegistrations(id)).toHaveLength(1);
  });

  it('lets a member who cancelled register again with a new request', async () => {
    const id = await createActivityAs(secretary, { capacity: 3 });
    await registerAs(tokens[5]!, id, 'first-attempt-01');
    await api('DELETE', `/activities/${id}/registrations/mine`, { token: tokens[5] });
    const replay = await registerAs(tokens[5]!, id, 'first-attempt-01');
    expect(replay.body).toMatchObject({ replayed: true, registration: { status: 'cancelled' } });
    const again = await registerAs(tokens[5]!, id, 'second-attempt-1');
    expect(again.status).toBe(201);
    expect(again.body.registration.status).toBe('confirmed');
    expect((await activity(id)).confirmedCount).toBe(1);
  });

  it('gives seats added by a raised capacity to the waitlist in order', async () => {
    const id = await createActivityAs(secretary, { capacity: 1, waitlistSize: 3 });
    for (const token of tokens.slice(6, 10)) await registerAs(token, id);
    const raised = await api('PATCH', `/activities/${id}`, { token: secretary, body: { capacity: 3 } });
    expect(raised.status).toBe(200);
    expect(raised.body.activity).toMatchObject({ capacity: 3, confirmedCount: 3, waitlistCount: 1 });
    const last = await api('GET', `/activities/${id}`, { token: tokens[9] });
    expect(last.body.myRegistration).toMatchObject({ status: 'waitlisted', position: 1 });
    expect(noticesTo('reg-7')).toContain('候补报名成功');
    expect(noticesTo('reg-8')).toContain('候补报名成功');
  });
});

describe('capacity under concurrent cancellations and registrations', () => {
  it('keeps every invariant, read back from the table, when cancellations and new registrations arrive at once', async () => {
    const id = await createActivityAs(secretary, { capacity: 4, waitlistSize: 3 });
    const crowd = await Promise.all(Array.from({ length: 20 }, (_, i) => tokenOf(member(`crowd-${i}`))));
    const first = await Promise.all(crowd.slice(0, 12).map((token) => registerAs(token, id)));
    const position = (token: string) => first[crowd.indexOf(token)]!.body.registration.position as number;
    expect(first.filter((r) => r.body.registration?.status === 'confirmed')).toHaveLength(4);
    expect(first.filter((r) => r.body.registration?.status === 'waitlisted')).toHaveLength(3);
    const confirmedTokens = crowd.slice(0, 12).filter((_, i) => first[i]!.body.registration?.status === 'confirmed');
    const waitingTokens = crowd
      .slice(0, 12)
      .filter((_, i) => first[i]!.body.registration?.status === 'waitlisted')
      .sort((a, b) => position(a) - position(b));

    const mixed = await Promise.all([
      ...confirmedTokens.slice(0, 3).map((token) => api('DELETE', `/activities/${id}/registrations/mine`, { token })),
      api('DELETE', `/activities/${id}/registrations/mine`, { token: waitingTokens[2] }),
      ...crowd.slice(12).map((token) => registerAs(token, id)),
    ]);
    expect(mixed.filter((r) => r.status >= 500)).toEqual([]);
    const snapshot = (await activitySnapshot(id))!;
    expect(signupInvariants(snapshot).filter((check) => !check.holds)).toEqual([]);
    // The two who waited first were promoted (later waiters may follow them, never overtake them).
    const waitedFirst = first
      .filter((r) => r.body.registration?.status === 'waitlisted')
      .sort((a, b) => a.body.registration.position - b.body.registration.position)
      .map((r) => r.body.registration.userId as string);
    expect(snapshot.registrations.filter((r) => r.promotedAt).map((r) => r.userId)).toEqual(expect.arrayContaining(waitedFirst.slice(0, 2)));
    const late = mixed.slice(4).map((r) => r.body.registration?.status ?? r.body.error.code);
    expect(late.every((outcome) => ['confirmed', 'waitlisted', 'ACTIVITY_FULL'].includes(outcome))).toBe(true);
  });
});

describe('transaction conflicts (as real DynamoDB reports them under contention)', () => {
  const conflict = () =>
    new TransactionCanceledException({
      message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]',
      $metadata: {},
      CancellationReasons: [{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }, { Code: 'None' }],
    });

  afterEach(() => injectTransactionFault(undefined));

  it('retries a conflicted registration with backoff and takes exactly one seat', async () => {
    const id = await createActivityAs(secretary, { capacity: 2 });
    const seen: number[] = [];
    injectTransactionFault((attempt) => {
      seen.push(attempt);
      return attempt <= 2 ? conflict() : undefined;
    });
    const reply = await registerAs(tokens[0]!, id);
    injectTransactionFault(undefined);
    expect(reply.status).toBe(201);
    expect(seen).toEqual([1, 2, 3]);
    expect((await activity(id)).confirmedCount).toBe(1);
    expect(await listRegistrations(id)).toHaveLength(1);
  });

  it('gives up after the bounded attempts with 503 SIGNUP_BUSY and writes nothing; the retry then succeeds once', async () => {
    const id = await createActivityAs(secretary, { capacity: 2 });
    injectTransactionFault(() => conflict());
    const busy = await registerAs(tokens[1]!, id, 'busy-request-001');
    injectTransactionFault(undefined);
    expect(busy.status).toBe(503);
    expect(busy.body.error).toEqual({ code: 'SIGNUP_BUSY', message: '报名的人较多，请稍后再试（重试不会重复报名）' });
    expect((await activity(id)).confirmedCount).toBe(0);
    expect(await listRegistrations(id)).toHaveLength(0);

    const retried = await registerAs(tokens[1]!, id, 'busy-request-001');
    expect(retried.status).toBe(201);
    expect((await registerAs(tokens[1]!, id, 'busy-request-001')).body.replayed).toBe(true);
    expect((await activity(id)).confirmedCount).toBe(1);
  });

  it('hands a failed condition back to be read again, never retried blindly', async () => {
    const id = await createActivityAs(secretary, { capacity: 2 });
    const attempts: number[] = [];
    injectTransactionFault((attempt) => {
      attempts.push(attempt);
      if (attempts.length > 1) return undefined;
      // As if another member's transaction had changed the activity between our read and our write.
      return new TransactionCanceledException({
        message: 'Transaction cancelled [ConditionalCheckFailed, None]',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      });
    });
    const reply = await registerAs(tokens[3]!, id);
    expect(reply.status).toBe(201);
    expect(attempts).toEqual([1, 1]);
    expect((await activity(id)).confirmedCount).toBe(1);
  });
});

describe('bad input on registration (each refused with a clear message, nothing written)', () => {
  it('refuses after the deadline', async () => {
    const now = Date.now();
    const id = await storeActivity({ signupOpensAt: now - 48 * HOUR, signupDeadline: now - HOUR, startAt: now + HOUR, endAt: now + 3 * HOUR });
    const reply = await registerAs(tokens[0]!, id);
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('SIGNUP_CLOSED');
    expect(reply.body.error.message).toMatch(/^报名已于 \d+月\d+日 \d\d:\d\d 截止$/);
    expect(await listRegistrations(id)).toHaveLength(0);
  });

  it('refuses before sign-up opens, saying when it opens', async () => {
    const now = Date.now();
    const id = await storeActivity({ signupOpensAt: now + HOUR, signupDeadline: now + 5 * HOUR, startAt: now + 6 * HOUR, endAt: now + 7 * HOUR });
    const reply = await registerAs(tokens[0]!, id);
    expect(reply.body.error.code).toBe('SIGNUP_NOT_OPEN');
    expect(reply.body.error.message).toMatch(/^报名将于 .+ 开始$/);
  });

  it('refuses a member of another branch, and a category the activity is not for', async () => {
    const id = await createActivityAs(secretary, { categories: ['retiree'] });
    const otherBranch = await registerAs(await tokenOf(member('elsewhere', { branchId: 'xinlin-office', category: 'retiree' })), id);
    expect(otherBranch.status).toBe(403);
    expect(otherBranch.body.error.code).toBe('SIGNUP_NOT_ELIGIBLE');
    const ranger = await registerAs(tokens[0]!, id);
    expect(ranger.status).toBe(403);
    expect(ranger.body.error.message).toBe('该活动仅限指定支部的以下人员参加：离退休');
    expect(await listRegistrations(id)).toHaveLength(0);
  });

  it('refuses registration for a cancelled activity', async () => {
    const id = await createActivityAs(secretary);
    await api('POST', `/activities/${id}/cancel`, { token: secretary, body: { reason: '大风橙色预警，暂停户外作业' } });
    const reply = await registerAs(tokens[0]!, id);
    expect(reply.status).toBe(409);
    expect(reply.body.error).toEqual({ code: 'ACTIVITY_CANCELLED', message: '该活动已取消' });
  });

  it('refuses an unknown activity id with 404, and a malformed activity id or request id with 400', async () => {
    expect((await registerAs(tokens[0]!, 'abcdef0123456789abcd')).body.error.code).toBe('ACTIVITY_NOT_FOUND');
    const malformed = await registerAs(tokens[0]!, '..%2F..');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const id = await createActivityAs(secretary);
    const bad = await registerAs(tokens[0]!, id, 'x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.clientRequestId');
  });

  it('refuses a cancellation after the deadline', async () => {
    const now = Date.now();
    const id = await storeActivity({ signupOpensAt: now - 48 * HOUR, signupDeadline: now + 1500, startAt: now + HOUR, endAt: now + 3 * HOUR });
    expect((await registerAs(tokens[4]!, id)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const reply = await api('DELETE', `/activities/${id}/registrations/mine`, { token: tokens[4] });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('SIGNUP_CANCEL_CLOSED');
    expect((await activity(id)).confirmedCount).toBe(1);
  });

  it('lists only eligible activities for a member, with seats left and their own status', async () => {
    const id = await createActivityAs(secretary, { capacity: 4, title: '专题学习：森林防火条例' });
    await registerAs(tokens[11]!, id);
    const list = await api('GET', '/activities', { token: tokens[11] });
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { activity: { id: string } }) => i.activity.id === id);
    expect(item).toMatchObject({ myStatus: 'confirmed', signupState: 'open', activity: { seatsLeft: 3 } });
    const elsewhere = await api('GET', '/activities', { token: await tokenOf(member('other-1', { branchId: 'xinlin-office' })) });
    expect(elsewhere.body.items.some((i: { activity: { id: string } }) => i.activity.id === id)).toBe(false);
    const mine = await api('GET', '/activities/mine', { token: tokens[11] });
    expect(mine.body.items[0]).toMatchObject({ registration: { status: 'confirmed' }, activity: { id } });
    expect(BRANCH).toBe(item.activity.branchIds[0]);
  });
});

describe('cancelling an activity', () => {
  it('notifies everyone registered or waiting, once, in the same change', async () => {
    const id = await createActivityAs(secretary, { capacity: 1, waitlistSize: 1 });
    await registerAs(tokens[0]!, id);
    await registerAs(tokens[1]!, id);
    const reply = await api('POST', `/activities/${id}/cancel`, { token: secretary, body: { reason: '大风橙色预警，暂停户外作业' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ signupState: 'cancelled', activity: { status: 'cancelled', cancelReason: '大风橙色预警，暂停户外作业' } });
    const record = await getOutboxRecord(`signup-cancelled#${id}`);
    expect(record).toMatchObject({ status: 'sent', notice: { title: '活动已取消' } });
    expect(record!.notice.toUsers.sort()).toEqual(['reg-0', 'reg-1']);
    const sent = wecom.messages.filter((m) => (m.miniprogram_notice as { page: string }).page.endsWith(id));
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.touser).split('|').sort()).toEqual(['reg-0', 'reg-1']);

    const again = await api('POST', `/activities/${id}/cancel`, { token: secretary, body: { reason: '重复提交' } });
    expect(again.status).toBe(200);
    expect(wecom.messages.filter((m) => (m.miniprogram_notice as { page: string }).page.endsWith(id))).toHaveLength(1);
  });
});
