import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHandlers, type Bundles } from '../../scripts/local/api/bundle';
import { gatewayAnswer, gatewayRoutes, matchGatewayRoute } from '../../scripts/local/api/gateway';
import { FunctionPool, type Invocation } from '../../scripts/local/api/pool';
import type { LocalFunction } from '../../scripts/local/api/functions';

/**
 * The local runtime (scripts/local/api) with real worker threads running a real bundle of a function that
 * misbehaves on request (tests/support/local-functions/misbehaving.ts).
 */
const TIMEOUT_MS = 1_500;
const fn: LocalFunction = {
  key: 'misbehaving',
  name: 'forest-party-platform-local-misbehaving',
  source: 'tests/support/local-functions/misbehaving.ts',
  exportName: 'handler',
  timeoutMs: TIMEOUT_MS,
  memorySize: 128,
  environment: {},
  routes: [],
  schedules: [],
};
let outdir: string;
let bundles: Bundles;
const pools: FunctionPool[] = [];

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'local-runtime-'));
  bundles = await bundleHandlers(join(__dirname, '..', '..'), outdir, [fn], { minify: false, sourcemap: false, target: 'node22', exclude: [] });
}, 60_000);

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  rmSync(outdir, { recursive: true, force: true });
});

function pool(copies: number, maxWaitMs = 30_000): FunctionPool {
  const created = new FunctionPool(fn, bundles.handlers.get(fn.key)!, { copies, maxWaitMs, region: 'cn-north-1', runtime: bundles.runtime });
  pools.push(created);
  return created;
}

const copyOf = (invocation: Invocation): number => {
  if (invocation.kind !== 'returned') throw new Error(`expected an answer, got ${JSON.stringify(invocation)}`);
  return (JSON.parse((invocation.value as { body: string }).body) as { copy: number }).copy;
};

describe('the local copies of a function', () => {
  it('run a burst on at most the configured number of copies, each request answered', async () => {
    const copies = pool(2);
    const answers = await Promise.all(Array.from({ length: 12 }, () => copies.invoke({ sleepMs: 50 })));
    expect(new Set(answers.map(copyOf)).size).toBeLessThanOrEqual(2);
    expect(copies.size).toBeLessThanOrEqual(2);
  }, 60_000);

  it('stop a copy that overruns the timeout and answer the next request from a fresh one', async () => {
    const copies = pool(1);
    const before = copyOf(await copies.invoke({}));
    expect(await copies.invoke({ sleepMs: TIMEOUT_MS * 4 })).toEqual({ kind: 'timed-out' });
    const after = copyOf(await copies.invoke({}));
    expect(after).not.toBe(before);
  }, 60_000);

  it('keep a copy whose handler threw, and replace one that died', async () => {
    const copies = pool(1);
    const first = copyOf(await copies.invoke({}));
    expect(await copies.invoke({ fail: true })).toMatchObject({ kind: 'failed', error: { errorMessage: 'the handler failed' } });
    expect(copyOf(await copies.invoke({}))).toBe(first);
    expect(await copies.invoke({ crash: true })).toMatchObject({ kind: 'crashed' });
    expect(copyOf(await copies.invoke({}))).not.toBe(first);
  }, 60_000);

  it('turn a request away when no copy frees up in time, without running it', async () => {
    const copies = pool(1, 200);
    const [busy, turnedAway] = await Promise.all([copies.invoke({ sleepMs: 1_000 }), copies.invoke({})]);
    expect(busy.kind).toBe('returned');
    expect(turnedAway).toEqual({ kind: 'throttled' });
  }, 60_000);
});

describe('the local gateway’s answers', () => {
  it('never answers 200 for a function that did not return: a timeout or throttle is a 503 with Retry-After, a failure a 502', () => {
    for (const invocation of [{ kind: 'timed-out' }, { kind: 'throttled' }] as const) {
      const answer = gatewayAnswer(invocation);
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('1');
    }
    const error = { errorType: 'Error', errorMessage: 'boom' };
    expect(gatewayAnswer({ kind: 'failed', error }).status).toBe(502);
    expect(gatewayAnswer({ kind: 'crashed', error }).status).toBe(502);
  });

  it('answers what the function returned, as payload 2.0 says', () => {
    const answer = gatewayAnswer({ kind: 'returned', value: { statusCode: 201, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}', cookies: ['a=1'] } });
    expect(answer).toMatchObject({ status: 201, headers: { 'content-type': 'application/json', 'set-cookie': ['a=1'] } });
    expect(answer.body.toString()).toBe('{"ok":true}');
    // An object without statusCode is the body of a 200.
    const bare = gatewayAnswer({ kind: 'returned', value: { ok: true } });
    expect([bare.status, bare.body.toString()]).toEqual([200, '{"ok":true}']);
  });

  it('routes a request to the most specific route, with its path parameters', () => {
    const withRoutes = (key: string, paths: string[]) => ({ ...fn, key, routes: paths.map((path) => ({ method: 'GET', path })) });
    const routes = gatewayRoutes([withRoutes('signup', ['/api/v1/activities/{id}', '/api/v1/activities/mine'])]);
    expect(matchGatewayRoute(routes, 'GET', '/api/v1/activities/mine')?.route.path).toBe('/api/v1/activities/mine');
    expect(matchGatewayRoute(routes, 'GET', '/api/v1/activities/abc%20def')).toMatchObject({ route: { path: '/api/v1/activities/{id}' }, params: { id: 'abc def' } });
    expect(matchGatewayRoute(routes, 'POST', '/api/v1/activities/mine')).toBeUndefined();
  });
});
