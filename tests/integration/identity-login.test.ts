import { handler } from '../../functions/identity/handler';
import { wecomLogin } from '../../functions/identity/login';
import { WecomClient } from '../../shared/runtime/wecom';
import { resetConfigForTests } from '../../shared/runtime/config';
import { EnvSecretSource } from '../../shared/runtime/secrets';
import { call } from '../support/api';
import { startFakeWecom, type FakeWecom } from '../support/fake-wecom';
import { useSeededTable } from '../support/table';
import { DEPLOYED_SECRETS, deployedEnvironment } from '../support/deployed-stage';

const CORP = 'ww-forest-group';
const SECRET = 'wecom-app-secret';
let wecom: FakeWecom;

useSeededTable();

beforeAll(async () => {
  wecom = await startFakeWecom(CORP, SECRET);
  Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: CORP, WECOM_APP_SECRET: SECRET });
  resetConfigForTests();
});
afterAll(() => wecom.close());

const login = (code: string) => call(handler, 'POST', '/api/v1/auth/wecom-login', { body: { code } });

describe('WeCom login', () => {
  it('exchanges a WeCom code for a session that opens the member own profile, without leaking session_key', async () => {
    wecom.codes.set('code-ranger', { corpid: CORP, userid: 'demo-ranger' });
    const reply = await login('code-ranger');
    expect(reply.status).toBe(200);
    expect(reply.body.member).toMatchObject({ userId: 'demo-ranger', name: '王护林', category: 'ranger' });
    expect(JSON.stringify(reply.body)).not.toContain('secret-session-key');

    const me = await call(handler, 'GET', '/api/v1/me', { token: reply.body.token });
    expect(me.status).toBe(200);
    expect(me.body.branch.name).toBe('壮志林场党支部');
    expect(me.body.company.name).toBe('松岭林业局党委');
  });

  it('caches the access token across logins and refreshes it once when WeCom says it expired', async () => {
    const before = wecom.calls.gettoken;
    wecom.codes.set('c1', { corpid: CORP, userid: 'demo-office' });
    wecom.codes.set('c2', { corpid: CORP, userid: 'demo-office' });
    expect((await login('c1')).status).toBe(200);
    expect((await login('c2')).status).toBe(200);
    expect(wecom.calls.gettoken - before).toBe(0);

    wecom.expireTokenOnce();
    wecom.codes.set('c3', { corpid: CORP, userid: 'demo-office' });
    expect((await login('c3')).status).toBe(200);
    expect(wecom.calls.gettoken - before).toBe(1);
  });

  it('refuses a code issued for another corp', async () => {
    wecom.codes.set('foreign', { corpid: 'ww-someone-else', userid: 'demo-admin' });
    const reply = await login('foreign');
    expect(reply.status).toBe(403);
    expect(reply.body.error).toEqual({ code: 'WECOM_CORP_MISMATCH', message: '该企业微信账号不属于本单位，无法登录' });
    expect(reply.body.token).toBeUndefined();
  });

  it('refuses an invalid or reused code, and a WeCom user who is not on the roster', async () => {
    expect((await login('never-issued')).body.error.code).toBe('WECOM_CODE_INVALID');
    wecom.codes.set('once', { corpid: CORP, userid: 'demo-ranger' });
    expect((await login('once')).status).toBe(200);
    expect((await login('once')).status).toBe(401);

    wecom.codes.set('stranger', { corpid: CORP, userid: 'not-a-member' });
    const stranger = await login('stranger');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.code).toBe('MEMBER_NOT_FOUND');
    expect(stranger.body.error.message).toMatch(/名册/);
  });

  it('answers 503 with a Chinese message when WeCom cannot be reached, and gives up within its timeout', async () => {
    const unreachable = new WecomClient('http://127.0.0.1:9', CORP, SECRET, 500);
    const started = Date.now();
    await expect(wecomLogin('x', unreachable)).rejects.toMatchObject({ status: 503, code: 'WECOM_UNAVAILABLE', message: '企业微信服务暂时无法连接，请稍后重试' });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('demo sign-in', () => {
  it('lists one demo identity per role on the local stage and signs in as one of them', async () => {
    const accounts = await call(handler, 'GET', '/api/v1/auth/dev-accounts');
    const roles = new Set(accounts.body.accounts.flatMap((a: { roles: string[] }) => a.roles));
    expect([...roles].sort()).toEqual(['admin', 'evaluator', 'finance', 'member', 'reviewer', 'secretary']);
    const session = await call(handler, 'POST', '/api/v1/auth/dev-login', { body: { userId: 'demo-secretary' } });
    expect(session.body.member.roles).toContain('secretary');
  });

  it('refuses to sign in as an ordinary member who is not a demo identity', async () => {
    const reply = await call(handler, 'POST', '/api/v1/auth/dev-login', { body: { userId: 'm0001' } });
    expect(reply.status).toBe(403);
  });

  it('has no demo sign-in at all outside the local stage', async () => {
    const local = { ...process.env };
    Object.assign(process.env, deployedEnvironment('prod'));
    resetConfigForTests(new EnvSecretSource(DEPLOYED_SECRETS));
    try {
      expect((await call(handler, 'GET', '/api/v1/auth/dev-accounts')).status).toBe(404);
      expect((await call(handler, 'POST', '/api/v1/auth/dev-login', { body: { userId: 'demo-admin' } })).body.error.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in local)) delete process.env[name];
      Object.assign(process.env, local);
      resetConfigForTests();
    }
  });
});
