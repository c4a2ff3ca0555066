import { AppError } from './app-error';
import { config } from './config';
import { logger } from './logger';

/** WeCom answers errcode 0 on success; these mean the access token must be fetched again. */
const TOKEN_ERRCODES = new Set([40014, 42001, 40001]);

interface WecomReply {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

interface CachedToken {
  value: string;
  expiresAtMs: number;
}

/**
 * A WeCom server-API client: access token fetched with the corp id and app secret and cached per
 * Lambda copy until shortly before it expires, a timeout on every call, one refresh on a stale token.
 */
export class WecomClient {
  private token: CachedToken | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly corpId: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  static fromConfig(): WecomClient {
    const c = config();
    return new WecomClient(c.WECOM_BASE_URL, c.WECOM_CORP_ID, c.WECOM_APP_SECRET, c.WECOM_TIMEOUT_MS);
  }

  get corp(): string {
    return this.corpId;
  }

  async get(path: string, query: Record<string, string>): Promise<WecomReply> {
    return this.withToken((token) => this.send('GET', path, { ...query, access_token: token }));
  }

  async post(path: string, body: unknown): Promise<WecomReply> {
    return this.withToken((token) => this.send('POST', path, { access_token: token }, body));
  }

  private async withToken(call: (token: string) => Promise<WecomReply>): Promise<WecomReply> {
    const reply = await call(await this.accessToken());
    if (reply.errcode !== undefined && TOKEN_ERRCODES.has(reply.errcode)) {
      this.token = undefined;
      return call(await this.accessToken());
    }
    return reply;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAtMs > this.now()) return this.token.value;
    const reply = await this.send('GET', '/cgi-bin/gettoken', { corpid: this.corpId, corpsecret: this.secret });
    if (reply.errcode !== 0 || typeof reply.access_token !== 'string') {
      logger.error('wecom gettoken failed', { errcode: reply.errcode, errmsg: reply.errmsg });
      throw new AppError(503, 'WECOM_UNAVAILABLE');
    }
    const lifetimeSeconds = typeof reply.expires_in === 'number' ? reply.expires_in : 7200;
    // Renew five minutes early so a token never expires between our check and WeCom's.
    this.token = { value: reply.access_token, expiresAtMs: this.now() + Math.max(60, lifetimeSeconds - 300) * 1000 };
    return this.token.value;
  }

  private async send(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<WecomReply> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    try {
      const response = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as WecomReply;
    } catch (error) {
      logger.warn('wecom call failed', { path, reason: error instanceof Error ? error.message : String(error) });
      throw new AppError(503, 'WECOM_UNAVAILABLE');
    }
  }
}
