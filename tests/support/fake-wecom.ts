import { createServer, type Server } from 'node:http';

export interface FakeWecom {
  baseUrl: string;
  /** Login codes WeCom would recognise, with the identity each one stands for. */
  codes: Map<string, { corpid: string; userid: string }>;
  calls: { gettoken: number; jscode2session: number };
  /** Bodies of `message/send` calls (miniprogram notices), in order. */
  messages: Array<Record<string, unknown>>;
  /** Makes the next jscode2session call answer "access token expired" (42001). */
  expireTokenOnce(): void;
  close(): Promise<void>;
}

/** A small stand-in for WeCom's server API on loopback, answering as WeCom documents it. */
export async function startFakeWecom(corpId: string, secret: string): Promise<FakeWecom> {
  const codes = new Map<string, { corpid: string; userid: string }>();
  const calls = { gettoken: 0, jscode2session: 0 };
  const messages: Array<Record<string, unknown>> = [];
  let tokenSerial = 0;
  let validToken = '';
  let expireNext = false;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/gettoken') {
      calls.gettoken += 1;
      if (url.searchParams.get('corpid') !== corpId || url.searchParams.get('corpsecret') !== secret) {
        return reply({ errcode: 40013, errmsg: 'invalid corpid' });
      }
      tokenSerial += 1;
      validToken = `token-${tokenSerial}`;
      return reply({ errcode: 0, errmsg: 'ok', access_token: validToken, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/miniprogram/jscode2session') {
      calls.jscode2session += 1;
      if (expireNext || url.searchParams.get('access_token') !== validToken) {
        expireNext = false;
        return reply({ errcode: 42001, errmsg: 'access_token expired' });
      }
      const identity = codes.get(url.searchParams.get('js_code') ?? '');
      if (!identity) return reply({ errcode: 40029, errmsg: 'invalid code' });
      codes.delete(url.searchParams.get('js_code') ?? '');
      return reply({ errcode: 0, errmsg: 'ok', corpid: identity.corpid, userid: identity.userid, session_key: 'secret-session-key' });
    }
    if (url.pathname === '/cgi-bin/message/send' && request.method === 'POST') {
      if (url.searchParams.get('access_token') !== validToken) return reply({ errcode: 42001, errmsg: 'access_token expired' });
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        messages.push(JSON.parse(body) as Record<string, unknown>);
        reply({ errcode: 0, errmsg: 'ok', invaliduser: '' });
      });
      return undefined;
    }
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    codes,
    calls,
    messages,
    expireTokenOnce: () => {
      expireNext = true;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
