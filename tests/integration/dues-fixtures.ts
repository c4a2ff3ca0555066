import type { Context } from 'aws-lambda';
import { handler } from '../../functions/dues/handler';
import { resetConfigForTests } from '../../shared/runtime/config';
import { issueSession } from '../../shared/runtime/session';
import { demoMembers } from '../../scripts/local/demo-data';
import { startFakeWechatPay, wechatPayEnvironment, wechatPayTestKeys, type FakeWechatPay, type WechatPayTestKeys } from '../support/fake-wechatpay';
import { startFakeWecomMessages, type FakeWecomMessages } from '../support/fake-wecom-messages';

/**
 * For a dues test file: a session token for every demo member, and WeCom's message API as a fake on loopback
 * (reminders, flags and checkpoints are real notices through the outbox).
 */
export function useDuesWorld(corpId: string): { tokens: Record<string, string>; wecom: () => FakeWecomMessages } {
  const tokens: Record<string, string> = {};
  const settings = { WECOM_CORP_ID: corpId, WECOM_APP_SECRET: `${corpId}-secret` };
  let wecom: FakeWecomMessages | undefined;
  beforeAll(async () => {
    wecom = await startFakeWecomMessages(settings.WECOM_CORP_ID, settings.WECOM_APP_SECRET);
    Object.assign(process.env, settings, { WECOM_BASE_URL: wecom.baseUrl });
    resetConfigForTests();
    for (const member of demoMembers()) tokens[member.userId] = (await issueSession(member)).token;
  });
  afterAll(async () => {
    for (const name of [...Object.keys(settings), 'WECOM_BASE_URL']) delete process.env[name];
    resetConfigForTests();
    await wecom?.close();
  });
  return { tokens, wecom: () => wecom! };
}

/** Runs a scheduled job as EventBridge would deliver it. */
export const runJob = (job: string) => (handler as (event: unknown, context: Context) => Promise<unknown>)({ job }, {} as Context);

/**
 * For a payment test file: WeChat Pay as a fake on loopback with its own keys, the platform configured to use it,
 * and a session token for every demo member; the configuration is undone after the file.
 */
export function useWechatPayWorld(): { keys: WechatPayTestKeys; tokens: Record<string, string>; fake: () => FakeWechatPay } {
  const keys = wechatPayTestKeys();
  const environment = (baseUrl: string) => wechatPayEnvironment(keys, baseUrl);
  const tokens: Record<string, string> = {};
  let fake: FakeWechatPay | undefined;
  beforeAll(async () => {
    fake = await startFakeWechatPay(keys);
    Object.assign(process.env, environment(fake.baseUrl));
    resetConfigForTests();
    for (const member of demoMembers()) tokens[member.userId] = (await issueSession(member)).token;
  });
  afterAll(async () => {
    for (const name of Object.keys(environment(''))) delete process.env[name];
    resetConfigForTests();
    await fake?.close();
  });
  return { keys, tokens, fake: () => fake! };
}
