import { SignJWT } from 'jose';
import { issueCheckinToken, checkinCode, rotationWindow } from '../../shared/runtime/checkin/token';
import { signupRotation, signupSettings } from '../../functions/signup/settings';
import { getRegistration } from '../../functions/signup/store';
import { config } from '../../shared/runtime/config';
import { useSeededTable } from '../support/table';
import { BRANCH, HOUR, api, demo, member, registerAs, storeActivity, tokenOf } from './signup-fixtures';

useSeededTable();

const MINUTE = 60_000;
let secretary: string;
let otherSecretary: string;
let members: string[];

beforeAll(async () => {
  secretary = await tokenOf(demo('demo-secretary'));
  otherSecretary = await tokenOf(member('sec-xinlin', { branchId: 'xinlin-office', roles: ['member', 'secretary'] }));
  members = await Promise.all(Array.from({ length: 8 }, (_, i) => tokenOf(member(`ck-${i}`, { name: `签到${i}` }))));
});

/** An activity whose check-in is open now (it starts in ten minutes), with sign-up still open for a few minutes. */
async function activityInWindow(overrides: Parameters<typeof storeActivity>[1] = {}): Promise<string> {
  const now = Date.now();
  return storeActivity({ signupOpensAt: now - HOUR, signupDeadline: now + 5 * MINUTE, startAt: now + 10 * MINUTE, endAt: now + 2 * HOUR }, overrides);
}

/** Waits, if need be, so the next few seconds fall inside one code rotation (tests that count per rotation). */
async function awayFromRotation(): Promise<void> {
  const period = signupSettings().SIGNUP_CHECKIN_ROTATION_SECONDS * 1000;
  const into = Date.now() % period;
  if (into > period - 8000) await new Promise((resolve) => setTimeout(resolve, period - into + 100));
}

const checkIn = (token: string, id: string, presented: string) => api('POST', `/activities/${id}/check-ins`, { token, body: { token: presented } });
const currentToken = async (id: string) => (await api('GET', `/activities/${id}/checkin-token`, { token: secretary })).body;

describe('checking in with the rotating code', () => {
  it('shows the organiser a signed token, its six digits and when it rotates', async () => {
    const id = await activityInWindow();
    const reply = await api('GET', `/activities/${id}/checkin-token`, { token: secretary });
    expect(reply.status).toBe(200);
    expect(reply.body.token.split('.')).toHaveLength(3);
    expect(reply.body.code).toMatch(/^\d{6}$/);
    expect(reply.body.rotationSeconds).toBe(30);
    const rotatesIn = Date.parse(reply.body.rotatesAt) - Date.now();
    expect(rotatesIn).toBeGreaterThan(-1000);
    expect(rotatesIn).toBeLessThanOrEqual(30_000);
    expect(Date.parse(reply.body.expiresAt) - Date.parse(reply.body.rotatesAt)).toBe(15_000);
  });

  it('checks in a confirmed member once, by the QR token or by the six digits', async () => {
    const id = await activityInWindow();
    await registerAs(members[0]!, id);
    await registerAs(members[1]!, id);
    const { token, code } = await currentToken(id);

    const scanned = await checkIn(members[0]!, id, token);
    expect(scanned.status).toBe(200);
    expect(scanned.body.alreadyCheckedIn).toBe(false);
    const again = await checkIn(members[0]!, id, token);
    expect(again.body).toEqual({ checkedInAt: scanned.body.checkedInAt, alreadyCheckedIn: true });

    const typed = await checkIn(members[1]!, id, ` ${code} `);
    expect(typed.status).toBe(200);
    expect((await getRegistration(id, 'ck-1'))?.checkInMethod).toBe('qr');

    const attendance = await api('GET', `/activities/${id}/attendance`, { token: secretary });
    expect(attendance.body.summary).toMatchObject({ registered: 2, checkedIn: 2, absent: 0, ended: false });
  });

  it('refuses a screenshot of an earlier code once the code on the wall has changed, as expired', async () => {
    const id = await activityInWindow();
    await registerAs(members[2]!, id);
    const settings = signupSettings();
    const earlier = new Date(Date.now() - (settings.SIGNUP_CHECKIN_ROTATION_SECONDS + settings.SIGNUP_CHECKIN_GRACE_SECONDS + 1) * 1000);
    const old = await issueCheckinToken(config().JWT_SECRET, id, earlier, signupRotation());

    const byQr = await checkIn(members[2]!, id, old.token);
    expect(byQr.status).toBe(409);
    expect(byQr.body.error).toEqual({ code: 'CHECKIN_TOKEN_EXPIRED', message: '签到码已过期，请扫描现场正在显示的二维码' });
    const byDigits = await checkIn(members[2]!, id, old.code);
    expect(byDigits.body.error.code).toBe('CHECKIN_TOKEN_EXPIRED');
    expect((await getRegistration(id, 'ck-2'))?.checkedInAt).toBeUndefined();

    const { token } = await currentToken(id);
    expect((await checkIn(members[2]!, id, token)).status).toBe(200);
  });

  it('refuses forged tokens: another key, another activity, made-up digits', async () => {
    const id = await activityInWindow();
    const other = await activityInWindow();
    await registerAs(members[3]!, id);
    const window = rotationWindow(new Date(), signupRotation());
    const forged = await new SignJWT({ w: window })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(id)
      .setAudience('checkin')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 60)
      .sign(new TextEncoder().encode('a-guessed-secret-that-is-long-enough-000000'));
    const forgedReply = await checkIn(members[3]!, id, forged);
    expect(forgedReply.status).toBe(400);
    expect(forgedReply.body.error).toEqual({ code: 'CHECKIN_TOKEN_INVALID', message: '签到码不正确，请扫描现场的二维码或核对签到码' });

    const { token: otherToken, code: otherCode } = await currentToken(other);
    expect((await checkIn(members[3]!, id, otherToken)).body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    const current = checkinCode(config().JWT_SECRET, id, window, signupRotation());
    if (otherCode !== current) expect((await checkIn(members[3]!, id, otherCode)).body.error.code).toBe('CHECKIN_TOKEN_INVALID');
    expect((await checkIn(members[3]!, id, 'not-a-token')).status).toBe(400);
    expect((await getRegistration(id, 'ck-3'))?.checkedInAt).toBeUndefined();
  });

  it('stops guessing: after five attempts in one rotation even the right code waits for the next one', async () => {
    const id = await activityInWindow();
    await registerAs(members[4]!, id);
    await awayFromRotation();
    const { code } = await currentToken(id);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const replies = await Promise.all(Array.from({ length: 8 }, () => checkIn(members[4]!, id, wrong)));
    expect(replies.filter((r) => r.status === 400)).toHaveLength(5);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(3);
    const right = await checkIn(members[4]!, id, code);
    expect(right.status).toBe(429);
    expect(right.body.error.message).toBe('签到尝试次数过多，请等现场二维码更新后再试');
    expect((await getRegistration(id, 'ck-4'))?.checkedInAt).toBeUndefined();
  });
});

describe('bad input on check-in', () => {
  it('refuses check-in outside the window, saying when it opens; the organiser gets no code either', async () => {
    const now = Date.now();
    const id = await storeActivity({ signupOpensAt: now - HOUR, signupDeadline: now + 24 * HOUR, startAt: now + 48 * HOUR, endAt: now + 50 * HOUR });
    await registerAs(members[5]!, id);
    const reply = await checkIn(members[5]!, id, '123456');
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe('CHECKIN_CLOSED');
    expect(reply.body.error.message).toMatch(/^签到将于 .+ 开始$/);
    expect((await api('GET', `/activities/${id}/checkin-token`, { token: secretary })).body.error.code).toBe('CHECKIN_CLOSED');
  });

  it('refuses a member without a registration, and a member still on the waitlist', async () => {
    const id = await activityInWindow({ capacity: 1, waitlistSize: 1 });
    await registerAs(members[6]!, id);
    await registerAs(members[7]!, id);
    const { token } = await currentToken(id);
    const stranger = await checkIn(await tokenOf(member('ck-stranger')), id, token);
    expect(stranger.status).toBe(409);
    expect(stranger.body.error).toEqual({ code: 'SIGNUP_NOT_REGISTERED', message: '您没有报名成功这个活动，不能签到' });
    const waiting = await checkIn(members[7]!, id, token);
    expect(waiting.body.error.message).toBe('您还在候补名单中，没有获得名额，不能签到');
  });

  it('refuses check-in where none is required, and for a cancelled activity', async () => {
    const id = await activityInWindow({ checkInRequired: false });
    expect((await checkIn(members[0]!, id, '123456')).body.error.code).toBe('CHECKIN_NOT_REQUIRED');
    const cancelled = await activityInWindow({ status: 'cancelled' });
    expect((await checkIn(members[0]!, cancelled, '123456')).body.error.code).toBe('ACTIVITY_CANCELLED');
  });

  it('shows the code only to the organising branch', async () => {
    const id = await activityInWindow();
    expect((await api('GET', `/activities/${id}/checkin-token`, { token: members[0] })).body.error.code).toBe('FORBIDDEN');
    expect((await api('GET', `/activities/${id}/checkin-token`, { token: otherSecretary })).body.error.code).toBe('ACTIVITY_NOT_MANAGED');
  });
});

describe('marking attendance by hand', () => {
  it('lets the organiser mark and unmark a confirmed member, keeping a scanned time', async () => {
    const id = await activityInWindow();
    await registerAs(members[0]!, id);
    await registerAs(members[1]!, id);
    const marked = await api('PUT', `/activities/${id}/attendance/ck-1`, { token: secretary, body: { attended: true } });
    expect(marked.status).toBe(200);
    expect(marked.body.member).toMatchObject({ userId: 'ck-1', checkInMethod: 'manual', branchId: BRANCH });
    expect((await getRegistration(id, 'ck-1'))?.markedBy).toBe('demo-secretary');

    const { token } = await currentToken(id);
    const scanned = await checkIn(members[0]!, id, token);
    const kept = await api('PUT', `/activities/${id}/attendance/ck-0`, { token: secretary, body: { attended: true } });
    expect(kept.body.member).toMatchObject({ checkedInAt: scanned.body.checkedInAt, checkInMethod: 'qr' });

    const cleared = await api('PUT', `/activities/${id}/attendance/ck-1`, { token: secretary, body: { attended: false } });
    expect(cleared.body.member.checkedInAt).toBeUndefined();
  });

  it('refuses members, other branches, and people who did not register', async () => {
    const id = await activityInWindow();
    await registerAs(members[2]!, id);
    expect((await api('PUT', `/activities/${id}/attendance/ck-2`, { token: members[3], body: { attended: true } })).status).toBe(403);
    expect((await api('PUT', `/activities/${id}/attendance/ck-2`, { token: otherSecretary, body: { attended: true } })).body.error.code).toBe(
      'ACTIVITY_NOT_MANAGED',
    );
    const nobody = await api('PUT', `/activities/${id}/attendance/ck-9`, { token: secretary, body: { attended: true } });
    expect(nobody.status).toBe(409);
    expect(nobody.body.error.message).toBe('这名党员没有报名成功这个活动');
  });
});
