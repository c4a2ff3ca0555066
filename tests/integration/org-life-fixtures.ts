import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { handler, httpHandler } from '../../functions/org-life/handler';
import type { MeetingInput } from '../../shared/api/org-life';
import { resetConfigForTests } from '../../shared/runtime/config';
import { call, type CallOptions, type CallResult } from '../support/api';
import { startFakeWecomMessages, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { tokenOf } from '../support/suggestions';

/** What the organisation-life tests share: calls as a demo member, meeting bodies, and the fake WeCom. */

/** 壮志林场党支部: demo-secretary (张书记), demo-ranger and m0013–m0024 (m0016 is a mobile member). */
export const BRANCH = 'songling-zhuangzhi';
export const HOUR = 3_600_000;

export async function orgLife<T = any>(userId: string, method: string, path: string, options: Omit<CallOptions, 'token'> = {}): Promise<CallResult<T>> {
  return call<T>(httpHandler, method, `/api/v1/org-life${path}`, { ...options, token: await tokenOf(userId) });
}

export const runJob = (job: string) => (handler as unknown as (event: { job: string }, context: Context) => Promise<unknown>)({ job }, {} as Context);

const iso = (ms: number) => new Date(ms).toISOString();

/** A meeting under way: began ten minutes ago, ends in an hour (check-in open). */
export function meetingBody(overrides: Partial<MeetingInput> = {}, now = Date.now()): MeetingInput {
  return {
    clientRequestId: `meeting-${randomUUID()}`,
    type: 'party-day',
    topic: '主题党日：冬季防火巡护',
    startAt: iso(now - 10 * 60_000),
    endAt: iso(now + HOUR),
    place: '林场会议室',
    online: false,
    audience: 'all',
    ...overrides,
  };
}

export async function planAs(userId: string, overrides: Partial<MeetingInput> = {}): Promise<string> {
  const reply = await orgLife(userId, 'POST', '/meetings', { body: meetingBody(overrides) });
  if (reply.status !== 201) throw new Error(`plan failed: ${JSON.stringify(reply.body)}`);
  return reply.body.meeting.id as string;
}

/** The fake WeCom message API for a describe block, with the platform pointed at it. */
export function useFakeWecom(): { current: () => FakeWecomMessages } {
  let wecom: FakeWecomMessages | undefined;
  beforeAll(async () => {
    wecom = await startFakeWecomMessages('ww-forest-group', 'wecom-app-secret');
    Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: 'ww-forest-group', WECOM_APP_SECRET: 'wecom-app-secret' });
    resetConfigForTests();
  });
  afterAll(async () => {
    await wecom?.close();
    for (const name of ['WECOM_BASE_URL', 'WECOM_CORP_ID', 'WECOM_APP_SECRET']) delete process.env[name];
    resetConfigForTests();
  });
  return { current: () => wecom! };
}
