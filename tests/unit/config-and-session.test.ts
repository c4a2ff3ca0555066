import { SignJWT } from 'jose';
import { LOCAL_DEV_JWT_SECRET, loadConfig, resetConfigForTests } from '../../shared/runtime/config';
import { issueSession, verifySession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';

const member = DEMO_ACCOUNTS[0]!;

describe('configuration', () => {
  it('refuses to run a deployed stage with the default JWT secret', () => {
    expect(() => loadConfig({ STAGE: 'prod' })).toThrow(/default JWT secret/);
    expect(() => loadConfig({ STAGE: 'prod', JWT_SECRET: LOCAL_DEV_JWT_SECRET })).toThrow(/default JWT secret/);
    expect(loadConfig({ STAGE: 'prod', JWT_SECRET: 'x'.repeat(40) }).STAGE).toBe('prod');
  });

  it('refuses a short secret and a malformed endpoint', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ DYNAMODB_ENDPOINT: 'not a url' })).toThrow(/DYNAMODB_ENDPOINT/);
  });

  it('reads numbers from the environment', () => {
    const config = loadConfig({ SESSION_TTL_SECONDS: '600' });
    expect(config.SESSION_TTL_SECONDS).toBe(600);
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
