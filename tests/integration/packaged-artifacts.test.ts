/**
 * What we deploy is what we test: `npm run package`, then every function's zip unpacked and run as Lambda runs it
 * (a fresh Node 22 process whose only outside modules are the AWS SDK, scripts/packaging/lambda-copy.cjs) with the
 * local stage's configuration against DynamoDB Local: one real HTTP route and one scheduled job of each function.
 * A copy of a zip without one of its data files must fail, so a file left out of a zip cannot pass unseen.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { demoMembers } from '../../scripts/local/demo-data';
import { MEMBER_CATEGORIES } from '../../shared/api/identity-model';
import {
  lambdaNode,
  localStageEnvironment,
  packagedFunctions,
  repackWithout,
  runCopy,
  scratchDir,
  unpack,
  zipEntries,
  type CopyAnswer,
  type PackagedFunction,
} from '../../scripts/packaging/lambda-artifacts';
import { packageService } from '../../scripts/packaging/package-service';
import { LocalQueue } from '../../scripts/local/api/queue';
import { readRun } from '../../shared/runtime/fanout';
import { startQueueServer } from '../support/work-queue';
import { shanghaiMonth } from '../../functions/dues/months';
import { enqueueNotice } from '../../shared/runtime/outbound';
import { issueSession } from '../../shared/runtime/session';
import { apiEvent, type CallOptions } from '../support/api';
import { startFakeWecomMessages, type FakeWecomMessages } from '../support/fake-wecom-messages';
import { useSeededTable } from '../support/table';
import { CHINESE_FONT_FILE } from '../../shared/documents/pdf';

// Packaging, seeding and eight fresh processes on a busy 2-core machine.
jest.setTimeout(600_000);
useSeededTable();

type Http = { status: number; body: unknown };

let node: string;
let scratch: ReturnType<typeof scratchDir>;
let functions: Map<string, PackagedFunction>;
let wecom: FakeWecomMessages;
const tokens = new Map<string, string>();

beforeAll(async () => {
  await packageService('dev', 'quiet');
  node = lambdaNode();
  scratch = scratchDir();
  // The local stage's WeCom corp and secret (config defaults), as the copies run with them.
  wecom = await startFakeWecomMessages('ww-local-corp', 'local-wecom-secret');
  functions = new Map(packagedFunctions().map((fn) => [fn.name, fn]));
  for (const userId of ['demo-ranger', 'demo-secretary', 'demo-admin']) {
    tokens.set(userId, (await issueSession(demoMembers().find((member) => member.userId === userId)!)).token);
  }
}, 600_000);

afterAll(async () => {
  scratch?.remove();
  await wecom?.close();
});

const packaged = (name: string) => {
  const fn = functions.get(name);
  if (!fn) throw new Error(`no packaged function ${name}`);
  return fn;
};

const http = (method: string, path: string, userId: string, options: Omit<CallOptions, 'token'> = {}) =>
  apiEvent(method, path, { ...options, token: tokens.get(userId)! });

/** Runs a zip (or a copy of it) in a fresh copy with the given events; answers in order. */
async function invoke(fn: PackagedFunction, events: unknown[], zip = fn.zip, settings: Record<string, string> = {}): Promise<CopyAnswer['results']> {
  const taskRoot = await unpack(zip, scratch.dir);
  const environment = localStageEnvironment(fn, {
    TABLE_NAME: process.env.TABLE_NAME!,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT!,
    WECOM_BASE_URL: wecom.baseUrl,
    ...settings,
  });
  const answer = await runCopy({ taskRoot, handler: fn.handler }, { node, sdkPath: scratch.sdkPath, environment, events });
  return answer.results;
}

function httpAnswer(result: CopyAnswer['results'][number] | undefined): Http {
  if (!result?.ok) throw new Error(`the invocation failed: ${result && !result.ok ? result.error : 'no answer'}`);
  const { statusCode, body } = result.value as Exclude<APIGatewayProxyResultV2, string>;
  return { status: statusCode ?? 200, body: body ? (JSON.parse(body) as unknown) : undefined };
}

/** A notice due now in the outbox, for a copy's notice job to deliver. */
async function dueNotice(key: string): Promise<void> {
  expect(await enqueueNotice({ key, toUsers: ['demo-ranger'], title: '活动通知提醒', description: '请查看最新安排', page: 'pages/index/index' })).toBe(true);
}

function jobAnswer(result: CopyAnswer['results'][number] | undefined): unknown {
  if (!result?.ok) throw new Error(`the job failed: ${result && !result.ok ? result.error : 'no answer'}`);
  return result.value;
}

const newCourse = {
  title: '林下经济与红松果林经营',
  summary: '红松果林抚育、松籽采收和林下中药材种植的经营要点。',
  type: 'article',
  hours: 1,
  tags: ['林下经济'],
  targetCategories: [],
  targetPosts: [],
  required: false,
};

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const activity = (description: string) => {
  const now = Date.now();
  return {
    clientRequestId: `artifact-${now}`,
    title: '义务植树：更新造林地块补植',
    type: 'volunteer',
    description,
    place: '林场 12 林班',
    startAt: iso(now + 72 * HOUR),
    endAt: iso(now + 78 * HOUR),
    signupOpensAt: iso(now - HOUR),
    signupDeadline: iso(now + 48 * HOUR),
    capacity: 2,
    waitlistSize: 2,
    branchIds: ['songling-zhuangzhi'],
    categories: [],
    checkInRequired: true,
  };
};

describe('the packaged functions, run from their zips as Lambda runs them', () => {
  it('packages one zip per function with its data, its native binary for x86_64 Linux, and no sourcemap', async () => {
    expect([...functions.keys()]).toEqual(['assessment', 'assistant', 'coursePush', 'dues', 'feedback', 'identity', 'membership', 'orgLife', 'signup', 'suggestionBox']);
    for (const name of ['feedback', 'signup', 'suggestionBox']) {
      expect(await zipEntries(packaged(name).zip)).toEqual(
        expect.arrayContaining(['shared/moderation/lexicon/default-lexicon.json', 'shared/moderation/lexicon/t2s-chars.json', 'shared/moderation/lexicon/field-rules.json']),
      );
    }
    const coursePush = await zipEntries(packaged('coursePush').zip);
    expect(coursePush).toEqual(
      expect.arrayContaining([
        'shared/text/jieba-dict.txt.br',
        'node_modules/@node-rs/jieba/index.js',
        'node_modules/@node-rs/jieba-linux-x64-gnu/jieba.linux-x64-gnu.node',
      ]),
    );
    expect(coursePush.filter((entry) => entry.endsWith('.txt'))).toEqual([]);
    for (const fn of functions.values()) {
      const entries = await zipEntries(fn.zip);
      expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
      expect(entries.some((entry) => entry.startsWith('node_modules/@aws-sdk/'))).toBe(false);
    }
  });

  it('assessment: prints the committee’s Chinese PDF from its zip, the font shipped beside the bundle', async () => {
    expect(await zipEntries(packaged('assessment').zip)).toEqual(expect.arrayContaining([CHINESE_FONT_FILE]));
    const year = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
    const [report] = await invoke(packaged('assessment'), [http('GET', '/api/v1/assessment/export/pdf', 'demo-admin', { query: { year } })]);
    const answer = httpAnswer(report) as { status: number; body: { pdfBase64: string } };
    expect(answer.status).toBe(200);
    expect(Buffer.from(answer.body.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('identity: answers a member who they are', async () => {
    const [me] = await invoke(packaged('identity'), [http('GET', '/api/v1/me', 'demo-ranger')]);
    expect(httpAnswer(me)).toMatchObject({ status: 200, body: { member: { userId: 'demo-ranger', roles: ['member'] } } });
  });

  it('suggestion box: checks text against the shipped lexicon (traditional characters too) and delivers due notices', async () => {
    await dueNotice('artifact#suggestion-box');
    const [blocked, clean, job] = await invoke(packaged('suggestionBox'), [
      http('POST', '/api/v1/moderation/check', 'demo-admin', { body: { text: '有人在賣冰毒' } }),
      http('POST', '/api/v1/moderation/check', 'demo-admin', { body: { text: '建议林场食堂增加夜班供餐' } }),
      { job: 'deliver-notices' },
    ]);
    expect(httpAnswer(blocked)).toMatchObject({ status: 200, body: { verdict: 'block', categories: ['drugs'] } });
    expect(httpAnswer(clean)).toMatchObject({ status: 200, body: { verdict: 'pass' } });
    expect(jobAnswer(job)).toEqual({ sent: 1 });
    expect(wecom.delivered).toContainEqual(expect.objectContaining({ toUsers: ['demo-ranger'], title: '活动通知提醒' }));
  });

  it('feedback: refuses a blocked comment, publishes a clean one, and refreshes the home order', async () => {
    const [blocked, published, job] = await invoke(packaged('feedback'), [
      http('POST', '/api/v1/feedback/ratings', 'demo-ranger', { body: { feature: 'signup', rating: 1, comment: '这里有人出售冰毒', clientRequestId: 'artifact-rating-1' } }),
      http('POST', '/api/v1/feedback/ratings', 'demo-ranger', { body: { feature: 'courses', rating: 5, comment: '课程内容很实用', clientRequestId: 'artifact-rating-2' } }),
      { job: 'refresh-home-usage' },
    ]);
    expect(httpAnswer(blocked)).toMatchObject({ status: 422, body: { error: { code: 'CONTENT_BLOCKED' } } });
    expect(httpAnswer(published)).toMatchObject({ status: 200, body: { rating: 5, commentStatus: 'published' } });
    // One home order per member category.
    expect(jobAnswer(job)).toBe(MEMBER_CATEGORIES.length);
  });

  it('sign-up: puts an organiser’s text through the moderation filter and delivers due notices', async () => {
    await dueNotice('artifact#signup');
    const before = wecom.receivedBy('demo-ranger');
    const [blocked, job] = await invoke(packaged('signup'), [
      http('POST', '/api/v1/activities', 'demo-secretary', { body: activity('活动结束后有人出售冰毒') }),
      { job: 'deliverNotices' },
    ]);
    expect(httpAnswer(blocked)).toMatchObject({ status: 422, body: { error: { code: 'CONTENT_BLOCKED' } } });
    expect(jobAnswer(job)).toEqual({ sent: 1 });
    expect(wecom.receivedBy('demo-ranger')).toBe(before + 1);
  });

  it('dues: reads the rules in force, fans the month’s bills out on its work queue and consumes the units', async () => {
    // The queue keeps what the planner sends; the same zip then consumes those SQS events, as the event source
    // mapping would hand them to it.
    const sent: unknown[] = [];
    const queue = new LocalQueue({ name: 'dues-work', region: 'cn-north-1', batchSize: 1, concurrency: 1, maxReceives: 1, retryDelayMs: 0 }, async (event) => {
      sent.push(event);
      return { kind: 'returned', value: {} };
    });
    const server = await startQueueServer([queue]);
    try {
      const settings = { WORK_QUEUE_URL: server.url(queue) };
      const [rules, job] = await invoke(packaged('dues'), [http('GET', '/api/v1/dues/rules', 'demo-ranger'), { job: 'generateBills' }], undefined, settings);
      expect(httpAnswer(rules)).toMatchObject({ status: 200, body: { wageBrackets: expect.any(Array), backPayMonths: expect.any(Number) } });
      const started = jobAnswer(job) as { runId: string; total: number; status: string };
      expect(started.runId).toContain(`generateBills.${shanghaiMonth(new Date())}.`);
      await queue.drained();
      expect(sent).toHaveLength(started.total);
      const consumed = await invoke(packaged('dues'), sent, undefined, settings);
      for (const answer of consumed) expect(jobAnswer(answer)).toEqual({ batchItemFailures: [] });
      const run = await readRun(started.runId);
      expect(run).toMatchObject({ status: 'finished', done: started.total });
      // Every demo member with a dues base has this month's bill (created now, or already there from the seed).
      expect((run!.counts.created ?? 0) + (run!.counts.existing ?? 0)).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('course push: segments a new course with the shipped jieba dictionary and relearns its model', async () => {
    const [created, job] = await invoke(packaged('coursePush'), [
      http('POST', '/api/v1/courses', 'demo-admin', { body: newCourse }),
      { job: 'course-model' },
    ]);
    expect(httpAnswer(created)).toMatchObject({ status: 201, body: { course: { title: newCourse.title, tags: ['林下经济'] } } });
    const model = jobAnswer(job) as { courses: number; interactions: number };
    // Learnt from the seeded members' learning history (dozens of courses).
    expect(model.courses).toBeGreaterThan(10);
    expect(model.interactions).toBeGreaterThan(0);
  });

  it('assistant: answers a member’s dues question from their own bill, with the rule and its source, from the shipped corpus', async () => {
    const [answer] = await invoke(packaged('assistant'), [http('POST', '/api/v1/assistant/ask', 'demo-ranger', { body: { question: '我这个月党费多少' } })]);
    expect(httpAnswer(answer)).toMatchObject({
      status: 200,
      body: { kind: 'personal', answer: expect.stringMatching(/应交党费 \d+\.\d{2} 元/), passages: expect.arrayContaining([expect.objectContaining({ source: expect.stringContaining('党费收缴') })]) },
    });
  });

  it('membership: signs a member card (Ed25519, bundled) and prints a 介绍信 with the shipped Chinese font', async () => {
    const clientRequestId = `artifact-transfer-${Date.now()}`;
    // Transfer ids come from the requesting secretary and the request (functions/membership/transfers.ts).
    const id = `t-${createHash('sha256').update(`demo-secretary\n${clientRequestId}`).digest('hex').slice(0, 24)}`;
    const [card, asked, issued, letter] = await invoke(packaged('membership'), [
      http('POST', '/api/v1/membership/card', 'demo-ranger'),
      http('POST', '/api/v1/membership/transfers', 'demo-secretary', { body: { clientRequestId, userId: 'demo-ranger', toBranchId: 'xinlin-office', reason: '工作调动' } }),
      http('POST', `/api/v1/membership/transfers/${id}/issue`, 'demo-secretary', { body: { contact: '张书记 13800000000' } }),
      http('GET', `/api/v1/membership/transfers/${id}/letter`, 'demo-secretary'),
    ]);
    expect(httpAnswer(card)).toMatchObject({ status: 200, body: { statement: { sub: 'demo-ranger', branchName: '壮志林场党支部' } } });
    expect(httpAnswer(asked)).toMatchObject({ status: 201, body: { id } });
    expect(httpAnswer(issued)).toMatchObject({ status: 200, body: { status: 'issued' } });
    const pdf = httpAnswer(letter) as { status: number; body: { pdfBase64: string } };
    expect(pdf.status).toBe(200);
    expect(Buffer.from(pdf.body.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.each([
    ['assistant', 'functions/assistant/corpus/passages.json'],
    ['assistant', 'shared/text/jieba-dict.txt.br'],
    ['suggestionBox', 'shared/moderation/lexicon/default-lexicon.json'],
    ['feedback', 'shared/moderation/lexicon/t2s-chars.json'],
    ['suggestionBox', 'shared/moderation/lexicon/field-rules.json'],
    ['coursePush', 'shared/text/jieba-dict.txt.br'],
    ['coursePush', 'node_modules/@node-rs/jieba-linux-x64-gnu/jieba.linux-x64-gnu.node'],
  ])('%s fails without %s', async (name, file) => {
    const fn = packaged(name);
    const copy = join(scratch.dir, `${name}-without-${file.split('/').pop()}.zip`);
    await repackWithout(fn.zip, [file], copy);
    const events = {
      suggestionBox: [http('POST', '/api/v1/moderation/check', 'demo-admin', { body: { text: '有人在賣冰毒' } })],
      feedback: [http('POST', '/api/v1/feedback/ratings', 'demo-ranger', { body: { feature: 'dues', rating: 4, comment: '缴费很方便', clientRequestId: `artifact-missing-${Date.now()}` } })],
      coursePush: [http('POST', '/api/v1/courses', 'demo-admin', { body: { ...newCourse, title: '红松果林病虫害防治' } })],
      assistant: [http('POST', '/api/v1/assistant/ask', 'demo-ranger', { body: { question: '怎么转组织关系' } })],
    }[name]!;
    const [answer] = await invoke(fn, events, copy);
    expect(httpAnswer(answer)).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL' } } });
  });
});
