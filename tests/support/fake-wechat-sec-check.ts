import { createServer, type Server } from 'node:http';

export interface FakeMsgSecCheck {
  baseUrl: string;
  /** Texts WeChat would flag: a substring → its suggest and label. Anything else passes (label 100). */
  verdicts: Map<string, { suggest: 'review' | 'risky'; label: number }>;
  /** Each msg_sec_check call as received. */
  checks: Array<{ content: string; openid: string; version: number; scene: number }>;
  tokenRequests: number;
  /** Answers the next check with "access_token expired" (42001), as WeChat does when a token is revoked. */
  expireTokenOnce(): void;
  close(): Promise<void>;
}

/** WeChat's access-token and msgSecCheck v2 endpoints on loopback, answering as WeChat documents them. */
export async function startFakeMsgSecCheck(appId: string, secret: string): Promise<FakeMsgSecCheck> {
  const verdicts = new Map<string, { suggest: 'review' | 'risky'; label: number }>();
  const checks: FakeMsgSecCheck['checks'] = [];
  let token = '';
  let expire = false;
  const fake = { tokenRequests: 0 };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') {
      fake.tokenRequests += 1;
      if (url.searchParams.get('appid') !== appId || url.searchParams.get('secret') !== secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
      token = `wechat-token-${fake.tokenRequests}`;
      return reply({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/wxa/msg_sec_check' && request.method === 'POST') {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        if (expire || url.searchParams.get('access_token') !== token) {
          expire = false;
          return reply({ errcode: 42001, errmsg: 'access_token expired' });
        }
        const body = JSON.parse(text) as { content: string; openid: string; version: number; scene: number };
        if (body.version !== 2 || !body.openid) return reply({ errcode: 47001, errmsg: 'data format error' });
        checks.push(body);
        const flagged = [...verdicts.entries()].find(([needle]) => body.content.includes(needle))?.[1];
        const result = flagged ?? { suggest: 'pass', label: 100 };
        return reply({ errcode: 0, errmsg: 'ok', result, detail: [{ strategy: 'content_model', errcode: 0, ...result, prob: 90 }], trace_id: `trace-${checks.length}` });
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
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}`,
    verdicts,
    checks,
    expireTokenOnce: () => {
      expire = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
