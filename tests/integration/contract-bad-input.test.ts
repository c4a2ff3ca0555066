import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { handler as assistant } from '../../functions/assistant/handler';
import { handler as assessment } from '../../functions/assessment/handler';
import { handler as coursePush } from '../../functions/course-push/handler';
import { handler as orgLife } from '../../functions/org-life/handler';
import { handler as membership } from '../../functions/membership/handler';
import { handler as dues } from '../../functions/dues/handler';
import { localPayKeys } from '../../functions/dues/wechatpay/local-simulator';
import { handler as feedback } from '../../functions/feedback/handler';
import { STARTER_RULES } from '../../functions/feedback/seed';
import { handler as identity } from '../../functions/identity/handler';
import { handler as signup } from '../../functions/signup/handler';
import { handler as suggestionBox } from '../../functions/suggestion-box/handler';
import { DEMO_ACCOUNTS } from '../../scripts/local/demo-data';
import { pathParamNames, pathParamSchemas, type Endpoint, type FunctionName } from '../../shared/api/contract';
import { ERROR_MESSAGES } from '../../shared/api/errors';
import { ALL_ENDPOINTS } from '../../shared/api/registry';
import { db, tableName } from '../../shared/runtime/db';
import type { HttpHandler } from '../../shared/runtime/http';
import { issueSession } from '../../shared/runtime/session';
import { call, type CallOptions } from '../support/api';
import { useSeededTable } from '../support/table';

/**
 * Every endpoint of the contract, called by a caller it lets in, with generated bad input: whatever a member, a
 * broken client or an attacker sends is a 4xx with a stable code and a Chinese message, never a 5xx, and what
 * must be refused writes nothing. A new endpoint is covered by being in the registry.
 */
useSeededTable();

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
/** Generated requests per endpoint, beside the fixed examples (the outside sweep's inputs among them). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);

const HANDLERS: Record<FunctionName, HttpHandler> = { identity, suggestionBox, dues, signup, feedback, coursePush, assistant, orgLife, assessment, membership };

/** Refusals that mean the request never reached validation: the caller must be one the endpoint lets in. */
const GATE_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'FEATURE_DISABLED']);
const HAN = /[\u4e00-\u9fff]/;

interface BadRequest {
  /** What is wrong with it, for the failure message. */
  label: string;
  path: string;
  options: Omit<CallOptions, 'token'>;
  /** The contract refuses it (as opposed to junk an endpoint without inputs may ignore). */
  refused: boolean;
  /** The refusal must be this code. */
  code?: string;
}

// ── generated values ────────────────────────────────────────────────────────────────────────────

const NUMBERISH = ['1e308', '-1e308', '9007199254740993', '-9007199254740993', 'NaN', 'Infinity', '-1', '0x10', '1.5', '', ' '];
const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 2, -(2 ** 53) - 2, 5e-324];
const weirdText = fc.oneof(
  fc.constantFrom('a'.repeat(3000), '长'.repeat(1000), '#', 'a#b', 'MEMBER#m0001', '../..', ' ', '\u0000', '%', '😀', '<script>', ...NUMBERISH),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
);
const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
const forgedCursor = fc.oneof(
  fc.constantFrom(base64url({ a: 1 }), base64url({ pk: 'MEMBER#m0001', sk: 'PROFILE' }), base64url('[]'), base64url('null'), `${base64url({ a: 1 })}.AAAAAAAAAAAAAAAAAAAAAA`, 'not-a-cursor', '...'),
  fc.jsonValue({ maxDepth: 2 }).map(base64url),
  fc.string({ minLength: 1, maxLength: 60 }),
);
const junkJson = fc.jsonValue({ maxDepth: 3 });
const nestedDeeply = (depth: number): unknown => (depth === 0 ? 1 : { a: nestedDeeply(depth - 1) });

const encodable = (value: string) => {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
};

/** The endpoint's path with one parameter set to `bad` (raw when it is a broken escape) and the others to a valid `x1`. */
function pathWith(endpoint: Endpoint, badName: string | undefined, bad: string, raw = false): string {
  return endpoint.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => (name === badName ? (raw ? bad : encodeURIComponent(bad)) : 'x1'));
}
const neutralPath = (endpoint: Endpoint) => pathWith(endpoint, undefined, '');

function shapeKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}
const refusedBy = (schema: { safeParse(input: unknown): { success: boolean } }, input: unknown) => !schema.safeParse(input).success;

// ── bad requests per part of an endpoint ────────────────────────────────────────────────────────

function badParams(endpoint: Endpoint): fc.Arbitrary<BadRequest> {
  const schemas = pathParamSchemas(endpoint);
  return fc
    .constantFrom(...Object.keys(schemas))
    .chain((name) => weirdText.filter((value) => encodable(value) && refusedBy(schemas[name]!, value)).map((value) => ({ name, value })))
    .map(({ name, value }) => ({ label: `path parameter ${name} = ${JSON.stringify(value.slice(0, 40))}`, path: pathWith(endpoint, name, value), options: {}, refused: true }));
}

function badQuery(endpoint: Endpoint): fc.Arbitrary<BadRequest> {
  const schema = endpoint.query!;
  const keys = [...shapeKeys(schema), 'unknownField'];
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...keys), weirdText), { minLength: 1, maxLength: 3, selector: ([key]) => key })
    .map((entries) => Object.fromEntries(entries))
    .filter((query) => refusedBy(schema, query))
    .map((query) => ({ label: `query ${JSON.stringify(query).slice(0, 120)}`, path: neutralPath(endpoint), options: { query }, refused: true }));
}

function badCursor(endpoint: Endpoint): fc.Arbitrary<BadRequest> {
  return forgedCursor.map((cursor) => cursorRequest(endpoint, cursor, 'forged cursor'));
}

function cursorRequest(endpoint: Endpoint, cursor: string, label: string): BadRequest {
  // A cursor the schema lets through (the rest of the query valid) must be refused as a cursor.
  const reachesCursor = !refusedBy(endpoint.query!, { cursor });
  return { label: `${label} ${cursor.slice(0, 60)}`, path: neutralPath(endpoint), options: { query: { cursor } }, refused: true, ...(reachesCursor ? { code: 'INVALID_CURSOR' } : {}) };
}

function badBody(endpoint: Endpoint): fc.Arbitrary<BadRequest> {
  const schema = endpoint.body!;
  const keys = [...shapeKeys(schema), 'unknownField'];
  const wrongShapes = fc.oneof(
    junkJson,
    fc.array(junkJson, { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...keys), fc.oneof(junkJson, weirdText, fc.constantFrom(...HUGE_NUMBERS)), { minKeys: 1, maxKeys: 4 }),
  );
  // The router reads an absent or `null` body as `{}`.
  const schemaRefused = wrongShapes
    .filter((body) => refusedBy(schema, body ?? {}))
    .map((body) => ({ label: `body ${JSON.stringify(body).slice(0, 120)}`, path: neutralPath(endpoint), options: { body }, refused: true }));
  const outOfRange = fc
    .tuple(fc.constantFrom(...keys), fc.constantFrom(...HUGE_NUMBERS))
    .map(([key, value]) => ({ label: `body number ${key} = ${value}`, path: neutralPath(endpoint), options: { body: { [key]: value } }, refused: true, code: 'VALIDATION_FAILED' }));
  return fc.oneof(schemaRefused, outOfRange);
}

function badRawBody(endpoint: Endpoint): fc.Arbitrary<BadRequest> {
  const contentType = endpoint.rawBody!;
  return fc
    .oneof(fc.string({ maxLength: 200 }), junkJson.map((value) => JSON.stringify(value)))
    .map((rawBody) => ({ label: `${contentType} body ${JSON.stringify(rawBody.slice(0, 80))}`, path: neutralPath(endpoint), options: { rawBody, headers: { 'content-type': contentType } }, refused: true }));
}

/** For an endpoint that takes nothing: junk it may ignore, but never a 5xx. */
function ignoredJunk(endpoint: Endpoint): fc.Arbitrary<BadRequest> {
  return fc
    .record({ query: fc.dictionary(fc.constantFrom('unknownField', 'cursor', 'limit'), weirdText, { maxKeys: 2 }), body: fc.option(junkJson, { nil: undefined }) })
    .map(({ query, body }) => ({ label: `junk ${JSON.stringify({ query, body }).slice(0, 120)}`, path: neutralPath(endpoint), options: { query, ...(body === undefined ? {} : { body }) }, refused: false }));
}

const hasCursor = (endpoint: Endpoint) => endpoint.query !== undefined && shapeKeys(endpoint.query).includes('cursor');

function badRequests(endpoint: Endpoint): fc.Arbitrary<BadRequest> {
  const parts: fc.Arbitrary<BadRequest>[] = [];
  if (pathParamNames(endpoint.path).length > 0) parts.push(badParams(endpoint));
  if (endpoint.query) parts.push(badQuery(endpoint));
  if (hasCursor(endpoint)) parts.push(badCursor(endpoint));
  if (endpoint.rawBody) parts.push(badRawBody(endpoint));
  else if (endpoint.body) parts.push(badBody(endpoint));
  return parts.length > 0 ? fc.oneof(...parts) : ignoredJunk(endpoint);
}

/** Fixed examples: the outside sweep's inputs and the refusals of the transport itself. */
function fixedRequests(endpoint: Endpoint, foreignCursor: string): BadRequest[] {
  const fixed: BadRequest[] = [];
  const at = neutralPath(endpoint);
  for (const [name, schema] of Object.entries(pathParamSchemas(endpoint))) {
    fixed.push({ label: `3,000-character ${name}`, path: pathWith(endpoint, name, 'a'.repeat(3000)), options: {}, refused: true, code: 'VALIDATION_FAILED' });
    // A free-text parameter (a lexicon word) may hold `#`: then the endpoint finds no such entry, still a refusal.
    const separated = 'x1#PROFILE';
    fixed.push({ label: `${name} with the key separator`, path: pathWith(endpoint, name, separated), options: {}, refused: true, ...(refusedBy(schema, separated) ? { code: 'VALIDATION_FAILED' } : {}) });
    fixed.push({ label: `${name} with a broken escape`, path: pathWith(endpoint, name, '%E0%A4%A', true), options: {}, refused: true, code: 'VALIDATION_FAILED' });
  }
  if (hasCursor(endpoint)) {
    fixed.push(cursorRequest(endpoint, base64url({ a: 1 }), 'the sweep’s forged cursor'));
    fixed.push(cursorRequest(endpoint, foreignCursor, 'a genuine cursor of another list'));
  }
  if (endpoint.body && !endpoint.rawBody) {
    fixed.push({ label: 'nested 40 deep', path: at, options: { body: nestedDeeply(40) }, refused: true, code: 'VALIDATION_FAILED' });
    fixed.push({ label: '1e999 (Infinity once parsed)', path: at, options: { rawBody: '{"n": 1e999}', headers: { 'content-type': 'application/json' } }, refused: true, code: 'VALIDATION_FAILED' });
    fixed.push({ label: 'oversized', path: at, options: { body: { text: '长'.repeat(100_000) } }, refused: true, code: 'PAYLOAD_TOO_LARGE' });
    fixed.push({ label: 'not JSON', path: at, options: { rawBody: '{"a":', headers: { 'content-type': 'application/json' } }, refused: true, code: 'INVALID_JSON' });
    fixed.push({ label: 'wrong media type', path: at, options: { rawBody: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, refused: true, code: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  return fixed;
}

// ── callers and the table ───────────────────────────────────────────────────────────────────────

const tokens = new Map<string, string>();
/** A demo account the endpoint lets in (its first listed role; any member for `member`), or none when public. */
async function tokenFor(endpoint: Endpoint): Promise<string | undefined> {
  if (endpoint.access === 'public') return undefined;
  const role = endpoint.access === 'member' ? 'member' : endpoint.access[0]!;
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.roles.includes(role))!;
  if (!tokens.has(account.userId)) tokens.set(account.userId, (await issueSession(account)).token);
  return tokens.get(account.userId);
}

/**
 * Successful writes the handlers send to DynamoDB, as they happen: a middleware on the real client (nothing
 * is stubbed) lets each refusal be checked on its own, beside the digest of the whole table around the walk.
 */
const writes: string[] = [];
let calls = 0;
const WRITE_COMMAND = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;
function observeWrites(): void {
  db().middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (WRITE_COMMAND.test(context.commandName ?? '')) writes.push(context.commandName!);
      return result;
    },
    { step: 'initialize', name: 'contractBadInputWriteObserver' },
  );
}

/** A digest of every item of the table: any write (added, changed or removed item) changes it. */
async function tableDigest(): Promise<string> {
  const lines: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) lines.push(JSON.stringify(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1))));
    start = page.LastEvaluatedKey;
  } while (start);
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/**
 * The error of a refusal and whether its code is a stable one: the error contract's code, or for a signed
 * notification from a third party (WeChat Pay) its own answer, which the endpoint declares as its response
 * (`{ code: 'FAIL', message }` is WeChat Pay's refusal).
 */
function errorOf(endpoint: Endpoint, body: unknown): { code?: string; message?: string; stable: boolean } {
  const answersThirdParty = endpoint.access === 'public' && endpoint.rawBody !== undefined;
  if (answersThirdParty && endpoint.response.safeParse(body).success) {
    const { code, message } = body as { code: string; message: string };
    return { code, message, stable: code === 'FAIL' };
  }
  const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return { ...error, stable: error?.code !== undefined && error.code in ERROR_MESSAGES };
}

async function send(endpoint: Endpoint, request: BadRequest) {
  const token = await tokenFor(endpoint);
  const writesBefore = writes.length;
  calls += 1;
  const reply = await call(HANDLERS[endpoint.fn], endpoint.method, request.path, { ...request.options, token });
  const wrote = writes.slice(writesBefore);
  const where = `${endpoint.method} ${endpoint.path} with ${request.label} (fast-check seed ${SEED})`;
  if (reply.status >= 500) throw new Error(`${where}: ${reply.status} ${JSON.stringify(reply.body)}`);
  if (reply.status >= 400 || request.refused) {
    const error = errorOf(endpoint, reply.body);
    const problems = [
      request.refused && !(reply.status >= 400 && reply.status < 500) ? `answered ${reply.status} instead of refusing` : '',
      error.stable ? '' : `no stable error code: ${JSON.stringify(reply.body).slice(0, 300)}`,
      error.message && HAN.test(error.message) ? '' : `no Chinese message: ${JSON.stringify(error.message)}`,
      request.refused && error.code && GATE_CODES.has(error.code) ? `stopped at the gate (${error.code}): the caller does not reach validation` : '',
      request.code && error.code !== request.code ? `code ${error.code}, expected ${request.code}` : '',
      request.refused && wrote.length > 0 ? `wrote to the table although it refused (${wrote.join(', ')})` : '',
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
  }
  return reply;
}

// ── the walk ────────────────────────────────────────────────────────────────────────────────────

const takesInput = (endpoint: Endpoint) =>
  pathParamNames(endpoint.path).length > 0 || endpoint.query !== undefined || endpoint.body !== undefined || endpoint.rawBody !== undefined;

async function walk(endpoint: Endpoint, foreignCursor: string): Promise<void> {
  for (const request of fixedRequests(endpoint, foreignCursor)) await send(endpoint, request);
  await fc.assert(
    fc.asyncProperty(badRequests(endpoint), async (request) => {
      await send(endpoint, request);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}

const byName = (endpoints: Endpoint[]) => endpoints.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const);

describe(`bad input to every endpoint of the contract (fast-check seed ${SEED}, ${RUNS} generated requests per endpoint)`, () => {
  let foreignCursor: string;
  let before: string;
  beforeAll(async () => {
    observeWrites();
    // The local stage's payment simulator stores its keys on first use: setup, not a write of any request.
    await localPayKeys();
    const admin = DEMO_ACCOUNTS.find((account) => account.userId === 'demo-admin')!;
    // Paged by category: on GET /api/v1/members itself it is a cursor of another list (another filter) too.
    const page = await call(identity, 'GET', '/api/v1/members', { token: (await issueSession(admin)).token, query: { category: 'office', limit: '1' } });
    foreignCursor = page.body.nextCursor;
    expect(foreignCursor).toEqual(expect.any(String));
    before = await tableDigest();
  });

  it('covers the whole registry', () => {
    expect(ALL_ENDPOINTS.length).toBeGreaterThanOrEqual(106);
    expect(ALL_ENDPOINTS.filter(takesInput).length).toBeGreaterThan(80);
  });

  describe('endpoints that take input refuse every bad one: 4xx, a stable code, a Chinese message, no write', () => {
    it.each(byName(ALL_ENDPOINTS.filter(takesInput)))('%s', async (_, endpoint) => walk(endpoint, foreignCursor));

    it('left every item of the table as it was', async () => {
      expect(await tableDigest()).toBe(before);
    });
  });

  describe('endpoints that take no input never answer junk with a 5xx', () => {
    it.each(byName(ALL_ENDPOINTS.filter((endpoint) => !takesInput(endpoint))))('%s', async (_, endpoint) => walk(endpoint, foreignCursor));
  });

  it('sent a few hundred requests in all', () => {
    expect(calls).toBeGreaterThan(300);
  });
});

// ── the outside sweep's number defect, with an otherwise valid rule ─────────────────────────────

describe('a rule threshold beyond any count', () => {
  const rule = { ...STARTER_RULES[0]!, name: '打开次数过多', metric: 'opens' };

  it.each([
    ['1e308', '1e308'],
    ['2^53 + 1', '9007199254740993'],
  ])('refuses threshold %s with 400 naming the field, and stores no rule', async (_, threshold) => {
    const admin = (await issueSession(DEMO_ACCOUNTS.find((account) => account.userId === 'demo-admin')!)).token;
    const before = await tableDigest();
    const rawBody = JSON.stringify({ ...rule, threshold: 0 }).replace('"threshold":0', `"threshold":${threshold}`);
    const reply = await call(feedback, 'POST', '/api/v1/feedback/rules', { token: admin, rawBody, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('VALIDATION_FAILED');
    expect(reply.body.error.details.map((detail: { path: string }) => detail.path)).toContain('body.threshold');
    expect(await tableDigest()).toBe(before);
    const accepted = await call(feedback, 'POST', '/api/v1/feedback/rules', { token: admin, body: { ...rule, threshold: 1000 } });
    expect(accepted.status).toBe(201);
    await call(feedback, 'DELETE', `/api/v1/feedback/rules/${accepted.body.rule.id}`, { token: admin });
  });
});

// ── a path parameter beyond its limit, as the outside sweep sent it ─────────────────────────────

describe('a 3,000-character path parameter', () => {
  it('is refused before DynamoDB sees it, with a Chinese message naming the parameter', async () => {
    const admin = (await issueSession(DEMO_ACCOUNTS.find((account) => account.userId === 'demo-admin')!)).token;
    const reply = await call(identity, 'PATCH', `/api/v1/members/${'a'.repeat(3000)}`, { token: admin, body: { name: '张三' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '路径参数 userId 无效：不能超过 128 个字符',
      details: [{ path: 'path.userId', message: '不能超过 128 个字符' }],
    });
    const lexicon = await call(suggestionBox, 'DELETE', `/api/v1/moderation/lexicon/words/${encodeURIComponent('词'.repeat(3000))}`, { token: admin });
    expect(lexicon.status).toBe(400);
    expect(lexicon.body.error.message).toMatch(/^路径参数 word 无效：词语过长/);
  });
});
