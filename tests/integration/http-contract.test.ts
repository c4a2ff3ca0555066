import { handler as identity } from '../../functions/identity/handler';
import { httpApi } from '../../shared/runtime/http';
import { issueSession } from '../../shared/runtime/session';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { call } from '../support/api';
import { useSeededTable } from '../support/table';

useSeededTable();

const admin = DEMO_ACCOUNTS.find((a) => a.userId === 'demo-admin')!;
const update = (body: unknown, options: { token: string; headers?: Record<string, string>; rawBody?: string }) =>
  call(identity, 'PATCH', '/api/v1/members/m0001', { body, ...options });

describe('the error contract on bad input', () => {
  let token: string;
  beforeAll(async () => {
    token = (await issueSession(admin)).token;
  });

  it('answers garbled JSON with 400 INVALID_JSON in Chinese and changes nothing', async () => {
    const reply = await update(undefined, { token, rawBody: '{"name": "半截', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON' } });
    const list = await call(identity, 'GET', '/api/v1/members', { token, query: { branchId: 'songling-office' } });
    expect(list.body.items.find((m: { userId: string }) => m.userId === 'm0001')?.name).not.toBe('半截');
  });

  it('answers a missing body with 400 naming the missing field', async () => {
    const reply = await call(identity, 'POST', '/api/v1/auth/wecom-login');
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details[0].path).toBe('body.code');
  });

  it('answers a wrong content type with 415', async () => {
    const reply = await update(undefined, { token, rawBody: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(415);
    expect(reply.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers unknown fields and wrong types with 400 VALIDATION_FAILED naming each field in Chinese', async () => {
    const reply = await update({ name: '', isAdmin: true, category: 'astronaut' }, { token });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    const paths = reply.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.category', 'body']));
    expect(reply.body.error.details.map((d: { message: string }) => d.message).join('')).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers an oversized body with 413 before parsing it', async () => {
    const reply = await update({ name: '长'.repeat(200_000) }, { token });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a missing, malformed, forged or expired token with 401', async () => {
    expect((await call(identity, 'GET', '/api/v1/me')).body.error).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect((await call(identity, 'GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    expect((await call(identity, 'GET', '/api/v1/me', { token: `${token.slice(0, -4)}AAAA` })).status).toBe(401);
    const expired = (await issueSession(admin, new Date(Date.now() - 3 * 3600_000))).token;
    const reply = await call(identity, 'GET', '/api/v1/me', { token: expired });
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toBe('登录已过期，请重新登录');
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND', async () => {
    const reply = await call(identity, 'GET', '/api/v1/nothing-here', { token });
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('adds the security headers of a JSON API to answers and errors, and leaves CORS to the gateway', async () => {
    const allowed = await call(identity, 'GET', '/api/v1/health', { headers: { origin: 'http://localhost:10086' } });
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['x-frame-options']).toBe('DENY');
    expect(allowed.headers['content-security-policy']).toContain("default-src 'none'");
    // Document-only headers would only weigh down every answer on a weak signal.
    expect(allowed.headers['permissions-policy']).toBeUndefined();
    expect(allowed.headers['access-control-allow-origin']).toBeUndefined();
    const refused = await call(identity, 'GET', '/api/v1/me', { headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(401);
    expect(refused.headers['x-content-type-options']).toBe('nosniff');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
