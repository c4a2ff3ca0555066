import { SignJWT } from 'jose';
import { LOCAL_DEV_JWT_SECRET, config, configReady, loadConfig, readConfig, resetConfigForTests } from '../../shared/runtime/config';
import { EnvSecretSource, type SecretName } from '../../shared/runtime/secrets';
import { issueSession, verifySession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { DEPLOYED_SECRETS, DEPLOYED_SETTINGS, deployedEnvironment } from '../support/deployed-stage';

const member = DEMO_ACCOUNTS[0]!;

/** What the stage's secret store holds for the given secrets. */
const storeWith = (...names: SecretName[]) => new EnvSecretSource(Object.fromEntries(names.map((name) => [name, DEPLOYED_SECRETS[name]])));

describe('configuration', () => {
  it('refuses a short secret and a malformed endpoint', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ DYNAMODB_ENDPOINT: 'not a url' })).toThrow(/DYNAMODB_ENDPOINT/);
  });

  it('reads numbers from the environment', () => {
    const config = loadConfig({ SESSION_TTL_SECONDS: '600' });
    expect(config.SESSION_TTL_SECONDS).toBe(600);
  });

  it('runs the local stage on its defaults and on what the environment sets, through the same reading', async () => {
    const local = await readConfig({ STAGE: 'local' });
    expect(local.JWT_SECRET).toBe(LOCAL_DEV_JWT_SECRET);
    expect(local.WECOM_CORP_ID).toBe('ww-local-corp');
    const set = await readConfig({ STAGE: 'local', JWT_SECRET: DEPLOYED_SECRETS.JWT_SECRET, WECOM_CORP_ID: 'ww-other' });
    expect([set.JWT_SECRET, set.WECOM_CORP_ID]).toEqual([DEPLOYED_SECRETS.JWT_SECRET, 'ww-other']);
  });
});

describe('a deployed stage', () => {
  it('starts with every secret from its store and every setting set', async () => {
    const loaded = await readConfig(deployedEnvironment('prod'), storeWith('JWT_SECRET', 'WECOM_APP_SECRET'));
    expect(loaded.JWT_SECRET).toBe(DEPLOYED_SECRETS.JWT_SECRET);
    expect(loaded.WECOM_APP_SECRET).toBe(DEPLOYED_SECRETS.WECOM_APP_SECRET);
    expect(loaded.WECOM_CORP_ID).toBe(DEPLOYED_SETTINGS.WECOM_CORP_ID);
  });

  it('refuses to start with a missing secret, naming its SSM parameter', async () => {
    await expect(readConfig(deployedEnvironment('prod'), storeWith('JWT_SECRET'))).rejects.toThrow(
      'refusing to start stage "prod": WECOM_APP_SECRET (SSM SecureString /party-platform/prod/wecom-app-secret) is not set',
    );
    await expect(readConfig(deployedEnvironment('staging'), storeWith())).rejects.toThrow(
      /JWT_SECRET \(SSM SecureString \/party-platform\/staging\/jwt-secret\) is not set; WECOM_APP_SECRET/,
    );
  });

  it('refuses a secret that is empty or a local default, and a setting left empty or at its local default', async () => {
    const empty = new EnvSecretSource({ JWT_SECRET: '  ', WECOM_APP_SECRET: 'local-wecom-secret' });
    await expect(readConfig(deployedEnvironment('prod'), empty)).rejects.toThrow(
      'JWT_SECRET (SSM SecureString /party-platform/prod/jwt-secret) is not set; WECOM_APP_SECRET (SSM SecureString /party-platform/prod/wecom-app-secret) is the local default',
    );
    const defaultJwt = new EnvSecretSource({ JWT_SECRET: LOCAL_DEV_JWT_SECRET, WECOM_APP_SECRET: DEPLOYED_SECRETS.WECOM_APP_SECRET });
    await expect(readConfig(deployedEnvironment('prod'), defaultJwt)).rejects.toThrow(/JWT_SECRET .* is the local default/);
    const store = storeWith('JWT_SECRET', 'WECOM_APP_SECRET');
    await expect(readConfig({ ...deployedEnvironment('prod'), WECOM_CORP_ID: '' }, store)).rejects.toThrow('WECOM_CORP_ID (stage setting) is not set');
    await expect(readConfig({ ...deployedEnvironment('prod'), WECOM_MINIPROGRAM_APPID: 'wx-local-miniprogram' }, store)).rejects.toThrow(
      'WECOM_MINIPROGRAM_APPID (stage setting) is the local default',
    );
  });

  it('takes secrets from its store only, never from the environment (where the template would carry them)', async () => {
    const env = { ...deployedEnvironment('prod'), JWT_SECRET: DEPLOYED_SECRETS.JWT_SECRET, WECOM_APP_SECRET: DEPLOYED_SECRETS.WECOM_APP_SECRET };
    await expect(readConfig(env, storeWith())).rejects.toThrow(/JWT_SECRET \(SSM SecureString/);
  });

  it('refuses to start a function without the secrets and settings it holds beyond the common ones', async () => {
    const dues: SecretName[] = ['JWT_SECRET', 'WECOM_APP_SECRET', 'WECHATPAY_MERCHANT_PRIVATE_KEY', 'WECHATPAY_APIV3_KEY', 'WECHATPAY_PLATFORM_KEYS'];
    const env = { ...deployedEnvironment('prod', dues), REQUIRED_SETTINGS: 'WECHATPAY_MCH_ID,WECHATPAY_NOTIFY_URL', WECHATPAY_MCH_ID: '1900000109' };
    await expect(readConfig(env, storeWith('JWT_SECRET', 'WECOM_APP_SECRET', 'WECHATPAY_MERCHANT_PRIVATE_KEY'))).rejects.toThrow(
      'WECHATPAY_APIV3_KEY (SSM SecureString /party-platform/prod/wechatpay-apiv3-key) is not set; WECHATPAY_PLATFORM_KEYS (SSM SecureString /party-platform/prod/wechatpay-platform-keys) is not set; WECHATPAY_NOTIFY_URL (stage setting) is not set',
    );
    await expect(readConfig({ ...env, SECRETS: 'JWT_SECRET,DATABASE_PASSWORD' }, storeWith())).rejects.toThrow(/unknown secrets: DATABASE_PASSWORD/);
  });

  it("needs msgSecCheck's WeChat appid and secret only while msgSecCheck is on", async () => {
    const held: SecretName[] = ['JWT_SECRET', 'WECOM_APP_SECRET', 'SUGGESTION_AUTHOR_KEY', 'WECHAT_APP_SECRET'];
    const env = { ...deployedEnvironment('prod', held), REQUIRED_SETTINGS: 'WECHAT_APP_ID' };
    const store = storeWith('JWT_SECRET', 'WECOM_APP_SECRET', 'SUGGESTION_AUTHOR_KEY');
    await expect(readConfig(env, store)).resolves.toMatchObject({ MSG_SEC_CHECK_ENABLED: false, SUGGESTION_AUTHOR_KEY: DEPLOYED_SECRETS.SUGGESTION_AUTHOR_KEY });
    await expect(readConfig({ ...env, MSG_SEC_CHECK_ENABLED: 'true' }, store)).rejects.toThrow(
      'WECHAT_APP_SECRET (SSM SecureString /party-platform/prod/wechat-app-secret) is not set; WECHAT_APP_ID (stage setting) is not set',
    );
  });
});

describe('the configuration of a Lambda copy', () => {
  const saved = { ...process.env };
  afterEach(() => {
    jest.useRealTimers();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetConfigForTests();
  });

  /** A store an operator edits; counts how often the copy reads it. */
  class CountingStore extends EnvSecretSource {
    reads = 0;
    constructor(readonly values: NodeJS.ProcessEnv) {
      super(values);
    }
    override async read(names: readonly SecretName[]) {
      this.reads += 1;
      return super.read(names);
    }
  }

  it('reads its secrets once, uses a rotated one after SECRETS_MAX_AGE_SECONDS, and keeps serving meanwhile', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    Object.assign(process.env, deployedEnvironment('prod'), { SECRETS_MAX_AGE_SECONDS: '300' });
    const store = new CountingStore({ JWT_SECRET: DEPLOYED_SECRETS.JWT_SECRET, WECOM_APP_SECRET: DEPLOYED_SECRETS.WECOM_APP_SECRET });
    resetConfigForTests(store);
    expect(() => config()).toThrow(/before configReady/);
    const first = await configReady();
    await configReady();
    expect(config()).toBe(first);
    expect(store.reads).toBe(1);

    const rotated = 'prod-session-key-rotated-7e5c3a1f9d7b5a3c1e9f';
    store.values.JWT_SECRET = rotated;
    jest.advanceTimersByTime(299_000);
    expect((await configReady()).JWT_SECRET).toBe(DEPLOYED_SECRETS.JWT_SECRET);
    jest.advanceTimersByTime(2_000);
    // Past its age the copy still answers at once with what it has, and reads again behind it.
    expect((await configReady()).JWT_SECRET).toBe(DEPLOYED_SECRETS.JWT_SECRET);
    await new Promise((resolve) => setImmediate(resolve));
    expect((await configReady()).JWT_SECRET).toBe(rotated);
    expect(store.reads).toBe(2);
  });

  it('tries again on the next invocation when the first read was refused', async () => {
    Object.assign(process.env, deployedEnvironment('prod'));
    const store = new CountingStore({ JWT_SECRET: DEPLOYED_SECRETS.JWT_SECRET });
    resetConfigForTests(store);
    await expect(configReady()).rejects.toThrow(/wecom-app-secret/);
    store.values.WECOM_APP_SECRET = DEPLOYED_SECRETS.WECOM_APP_SECRET;
    await expect(configReady()).resolves.toMatchObject({ WECOM_APP_SECRET: DEPLOYED_SECRETS.WECOM_APP_SECRET });
    expect(store.reads).toBe(2);
  });
});

describe('session tokens', () => {
  afterEach(() => {
    delete process.env.JWT_SECRET;
    resetConfigForTests();
  });

  it('carries who the member is and expires after two hours', async () => {
    const now = new Date();
    const session = await issueSession(member, now);
    expect(new Date(session.expiresAt).getTime() - now.getTime()).toBeGreaterThanOrEqual(7199_000);
    await expect(verifySession(session.token)).resolves.toEqual({
      userId: member.userId,
      name: member.name,
      roles: member.roles,
      branchId: member.branchId,
      category: member.category,
    });
  });

  it('refuses an expired token, a token signed with another secret and a token using alg none', async () => {
    const old = await issueSession(member, new Date(Date.now() - 3 * 3600_000));
    await expect(verifySession(old.token)).rejects.toMatchObject({ status: 401, message: '登录已过期，请重新登录' });

    process.env.JWT_SECRET = 'another-secret-of-enough-length-0123456789';
    resetConfigForTests();
    const foreign = await issueSession(member);
    delete process.env.JWT_SECRET;
    resetConfigForTests();
    await expect(verifySession(foreign.token)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });

    const [, payload] = (await issueSession({ ...member, roles: ['admin'] })).token.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    await expect(verifySession(unsigned)).rejects.toMatchObject({ status: 401 });
  });

  it('stops accepting a token it has already verified once the secret changes', async () => {
    const session = await issueSession(member);
    await expect(verifySession(session.token)).resolves.toMatchObject({ userId: member.userId });
    process.env.JWT_SECRET = 'another-secret-of-enough-length-0123456789';
    resetConfigForTests();
    await expect(verifySession(session.token)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a token whose claims were edited after signing', async () => {
    const [header, , signature] = (await issueSession(member)).token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: member.userId, roles: ['admin'], name: 'x', branchId: 'y', exp: 9999999999 })).toString('base64url');
    await expect(verifySession(`${header}.${forgedPayload}.${signature}`)).rejects.toMatchObject({ status: 401 });
    const wrongAudience = await new SignJWT({ name: 'x', roles: ['admin'], branchId: 'y' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('demo-admin')
      .setIssuer('party-platform')
      .setAudience('party-platform:prod')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(LOCAL_DEV_JWT_SECRET));
    await expect(verifySession(wrongAudience)).rejects.toMatchObject({ status: 401 });
  });
});
