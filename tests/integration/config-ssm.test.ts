import { SignJWT } from 'jose';
import { handler } from '../../functions/identity/handler';
import { LOCAL_DEV_JWT_SECRET, readConfig, resetConfigForTests } from '../../shared/runtime/config';
import { SsmSecretSource, type SecretName } from '../../shared/runtime/secrets';
import { verifySession } from '../../shared/runtime/session';
import { call } from '../support/api';
import { DEPLOYED_SECRETS, deployedEnvironment, deployedParameters } from '../support/deployed-stage';
import { startFakeSsm, type FakeSsm } from '../support/fake-ssm';

/** A session token as the stage would sign it with the given key. */
const tokenSignedWith = (key: string, stage = 'prod') =>
  new SignJWT({ name: '张三', roles: ['member'], branchId: 'branch-1', category: 'full' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('m0001')
    .setIssuer('party-platform')
    .setAudience(`party-platform:${stage}`)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(key));

describe('secrets of a deployed stage, from SSM Parameter Store', () => {
  let ssm: FakeSsm;
  const saved = { ...process.env };

  beforeAll(async () => {
    ssm = await startFakeSsm();
  });
  afterAll(() => ssm.close());
  beforeEach(() => {
    ssm.requests.length = 0;
    ssm.parameters.clear();
  });
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetConfigForTests();
  });

  /** The identity function as deployed on `prod`: its environment from the template, its secrets from SSM. */
  function deployIdentity(): void {
    Object.assign(process.env, deployedEnvironment('prod'));
    delete process.env.JWT_SECRET;
    resetConfigForTests(new SsmSecretSource('prod', 300, ssm.client()));
  }

  it('serves requests with the session key it read, decrypted, in one call per Lambda copy', async () => {
    for (const [name, value] of deployedParameters('prod')) ssm.parameters.set(name, value);
    deployIdentity();

    const health = await call<{ stage: string }>(handler, 'GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.stage).toBe('prod');
    expect((await call(handler, 'GET', '/api/v1/health')).status).toBe(200);
    expect(ssm.requests).toEqual([{ names: ['/party-platform/prod/jwt-secret', '/party-platform/prod/wecom-app-secret'], withDecryption: true }]);

    await expect(verifySession(await tokenSignedWith(DEPLOYED_SECRETS.JWT_SECRET))).resolves.toMatchObject({ userId: 'm0001' });
    await expect(verifySession(await tokenSignedWith(LOCAL_DEV_JWT_SECRET))).rejects.toMatchObject({ status: 401 });
    // No demo sign-in outside the local stage.
    expect((await call(handler, 'GET', '/api/v1/auth/dev-accounts')).status).toBe(404);
  });

  it('refuses to serve while a parameter is missing, naming it, and starts once the operator creates it', async () => {
    ssm.parameters.set('/party-platform/prod/jwt-secret', DEPLOYED_SECRETS.JWT_SECRET);
    deployIdentity();
    await expect(readConfig(process.env, new SsmSecretSource('prod', 300, ssm.client()))).rejects.toThrow(
      'refusing to start stage "prod": WECOM_APP_SECRET (SSM SecureString /party-platform/prod/wecom-app-secret) is not set',
    );
    const refused = await call<{ error: { code: string } }>(handler, 'GET', '/api/v1/health');
    expect(refused.status).toBe(500);
    expect(refused.body.error.code).toBe('INTERNAL');

    ssm.parameters.set('/party-platform/prod/wecom-app-secret', DEPLOYED_SECRETS.WECOM_APP_SECRET);
    expect((await call(handler, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('reads every secret the platform knows as stored, each from its own parameter', async () => {
    const held = Object.keys(DEPLOYED_SECRETS) as SecretName[];
    for (const [name, value] of deployedParameters('prod', held)) ssm.parameters.set(name, value);
    // Another stage's parameters beside them are never read.
    ssm.parameters.set('/party-platform/staging/jwt-secret', 'staging-session-key-0000000000000000000000');
    expect(await new SsmSecretSource('prod', 300, ssm.client()).read(held)).toEqual(DEPLOYED_SECRETS);
    expect(ssm.requests.flatMap((request) => request.names).every((name) => name.startsWith('/party-platform/prod/'))).toBe(true);
  });
});
