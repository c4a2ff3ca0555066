import { resetConfigForTests } from '../../shared/runtime/config';
import { WecomNoticeSender } from '../../shared/runtime/outbound';
import { createServer, type Server } from 'node:http';

/** One `miniprogram_notice` WeCom accepted. */
export interface DeliveredNotice {
  toUsers: string[];
  title: string;
  description: string;
  page: string;
  contentItems: Array<{ key: string; value: string }>;
}

export interface FakeWecomMessages {
  baseUrl: string;
  delivered: DeliveredNotice[];
  /** Calls refused because they broke WeCom's documented limits: a test expects none. */
  violations: string[];
  /** The next `count` sends answer a WeCom system error (errcode -1, "system busy"). */
  failNext(count: number): void;
  /** Every send fails until turned off. */
  failAlways(on: boolean): void;
  /** How many times each member received a notice. */
  receivedBy(userId: string): number;
  close(): Promise<void>;
}

const length = (text: unknown) => (typeof text === 'string' ? [...text].length : -1);

/** Checks a `message/send` body against WeCom's `miniprogram_notice` rules (docs/domain.md). */
function limitProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const notice = body.miniprogram_notice as Record<string, unknown> | undefined;
  if (body.msgtype !== 'miniprogram_notice' || !notice) return ['msgtype must be miniprogram_notice'];
  for (const field of ['title', 'description'] as const) {
    const n = length(notice[field]);
    if (n < 4 || n > 12) problems.push(`${field} has ${n} characters (4–12 allowed)`);
  }
  if (typeof notice.appid !== 'string' || notice.appid === '') problems.push('appid missing');
  if (typeof notice.page !== 'string' || notice.page === '') problems.push('page missing');
  const items = Array.isArray(notice.content_item) ? (notice.content_item as Array<Record<string, unknown>>) : [];
  if (items.length > 10) problems.push(`${items.length} content items (at most 10)`);
  for (const item of items) if (length(item.key) < 1 || length(item.key) > 10 || length(item.value) < 1 || length(item.value) > 30) problems.push(`content item ${String(item.key)} out of bounds`);
  const users = typeof body.touser === 'string' ? body.touser.split('|').filter(Boolean) : [];
  if (users.length === 0) problems.push('no recipients');
  if (users.length > 1000) problems.push(`${users.length} recipients (at most 1,000 per call)`);
  return problems;
}

/** WeCom's message API on loopback: gettoken and message/send, checking every limit WeCom enforces. */
export async function startFakeWecomMessages(corpId: string, secret: string): Promise<FakeWecomMessages> {
  const delivered: DeliveredNotice[] = [];
  const violations: string[] = [];
  let failures = 0;
  let failing = false;
  let token = '';
  let serial = 0;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/gettoken') {
      if (url.searchParams.get('corpid') !== corpId || url.searchParams.get('corpsecret') !== secret) return reply({ errcode: 40013, errmsg: 'invalid corpid' });
      serial += 1;
      token = `message-token-${serial}`;
      return reply({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/message/send' && request.method === 'POST') {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        if (url.searchParams.get('access_token') !== token) return reply({ errcode: 42001, errmsg: 'access_token expired' });
        if (failing || failures > 0) {
          failures = Math.max(0, failures - 1);
          return reply({ errcode: -1, errmsg: 'system busy' });
        }
        const body = JSON.parse(text) as Record<string, unknown>;
        const problems = limitProblems(body);
        if (problems.length > 0) {
          violations.push(...problems);
          return reply({ errcode: 40058, errmsg: `invalid parameter: ${problems.join('; ')}` });
        }
        const notice = body.miniprogram_notice as Record<string, unknown>;
        delivered.push({
          toUsers: String(body.touser).split('|'),
          title: String(notice.title),
          description: String(notice.description),
          page: String(notice.page),
          contentItems: (notice.content_item as DeliveredNotice['contentItems']) ?? [],
        });
        return reply({ errcode: 0, errmsg: 'ok', invaliduser: '' });
      });
      return undefined;
    }
    response.writeHead(404);
    response.end();
    return undefined;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    delivered,
    violations,
    failNext: (count) => {
      failures = count;
    },
    failAlways: (on) => {
      failing = on;
    },
    receivedBy: (userId) => delivered.filter((notice) => notice.toUsers.includes(userId)).length,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * For a test file that sends notices: the fake WeCom on loopback, the platform configured to use it (plus any
 * `settings`, e.g. OUTBOX_MAX_ATTEMPTS), a sender made from that configuration, and after each test the check
 * that no call broke WeCom's limits. `ready` receives them once started.
 */
export function useFakeWecomSender(settings: Record<string, string>, ready: (world: { wecom: FakeWecomMessages; sender: WecomNoticeSender }) => void): void {
  const corp = 'ww-forest-group';
  const secret = 'wecom-app-secret';
  let wecom: FakeWecomMessages | undefined;
  beforeAll(async () => {
    wecom = await startFakeWecomMessages(corp, secret);
    Object.assign(process.env, { WECOM_BASE_URL: wecom.baseUrl, WECOM_CORP_ID: corp, WECOM_APP_SECRET: secret, ...settings });
    resetConfigForTests();
    ready({ wecom, sender: WecomNoticeSender.fromConfig() });
  });
  afterAll(() => wecom?.close());
  afterEach(() => expect(wecom?.violations).toEqual([]));
}
