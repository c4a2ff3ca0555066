import { config } from '../runtime/config';
import { logger } from '../runtime/logger';
import type { ModerationCategory } from './categories';
import type { ModerationResult } from './types';

/** What a second opinion says about a text: the same verdicts as ours, with our categories. */
export interface SecondOpinionVerdict {
  verdict: 'pass' | 'review' | 'risky';
  categories: ModerationCategory[];
}

/** A content-security service consulted beside the platform's own filter, never instead of it. */
export interface SecondOpinion {
  /** Undefined when the service cannot answer (unreachable, refused): our own verdict then stands. */
  check(text: string, openid: string): Promise<SecondOpinionVerdict | undefined>;
}

/** msgSecCheck v2 labels (docs/domain.md) → our categories. */
const LABEL_CATEGORIES: Record<number, ModerationCategory> = {
  10001: 'ads',
  20001: 'politics',
  20002: 'porn',
  20003: 'abuse',
  20006: 'illegal',
  20008: 'fraud',
  20012: 'porn',
  20013: 'other',
  21000: 'other',
};

/** Token errors after which WeChat wants a fresh access token. */
const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

/**
 * WeChat `msgSecCheck` v2 (`POST /wxa/msg_sec_check`), with the mini-program's access token
 * (`GET /cgi-bin/token`) cached per Lambda copy, a timeout on every call, and one token refresh.
 */
export class WechatMsgSecCheck implements SecondOpinion {
  private token: { value: string; expiresAtMs: number } | undefined;
  private fetching: Promise<string> | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
  ) {}

  static fromConfig(): WechatMsgSecCheck {
    const c = config();
    return new WechatMsgSecCheck(c.WECHAT_BASE_URL, c.WECHAT_APP_ID, c.WECHAT_APP_SECRET, c.WECHAT_TIMEOUT_MS);
  }

  async check(text: string, openid: string): Promise<SecondOpinionVerdict | undefined> {
    try {
      let reply = await this.post(await this.accessToken(), text, openid);
      if (TOKEN_ERRCODES.has(Number(reply.errcode))) {
        this.token = undefined;
        reply = await this.post(await this.accessToken(), text, openid);
      }
      const result = reply.result as { suggest?: unknown; label?: unknown } | undefined;
      if (reply.errcode !== 0 || !result || !['pass', 'review', 'risky'].includes(String(result.suggest))) {
        logger.warn('msgSecCheck refused', { errcode: reply.errcode });
        return undefined;
      }
      const category = LABEL_CATEGORIES[Number(result.label)];
      return { verdict: result.suggest as SecondOpinionVerdict['verdict'], categories: category ? [category] : [] };
    } catch (error) {
      logger.warn('msgSecCheck unavailable', { reason: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  }

  private async post(token: string, content: string, openid: string): Promise<Record<string, unknown>> {
    return this.request(`/wxa/msg_sec_check?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // scene 2: comments and posts by users (意见、评论).
      body: JSON.stringify({ content, version: 2, scene: 2, openid }),
    });
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAtMs > Date.now()) return this.token.value;
    // Checks of a title and a content run together: one token request serves both.
    this.fetching ??= this.fetchToken().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchToken(): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.appId, secret: this.secret });
    const reply = await this.request(`/cgi-bin/token?${query.toString()}`, { method: 'GET' });
    if (typeof reply.access_token !== 'string') throw new Error(`token refused (${String(reply.errcode)})`);
    const lifetime = typeof reply.expires_in === 'number' ? reply.expires_in : 7200;
    this.token = { value: reply.access_token, expiresAtMs: Date.now() + Math.max(60, lifetime - 300) * 1000 };
    return this.token.value;
  }

  private async request(path: string, init: RequestInit): Promise<Record<string, unknown>> {
    const response = await fetch(new URL(path, this.baseUrl), { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }
}

let configured: { client: WechatMsgSecCheck; settings: object } | undefined;

/**
 * The configured second opinion, or undefined while MSG_SEC_CHECK_ENABLED is off (the default). One client
 * per Lambda copy (its access token is cached), made again only if the configuration was read again.
 */
export function secondOpinionFromConfig(): SecondOpinion | undefined {
  const settings = config();
  if (!settings.MSG_SEC_CHECK_ENABLED) return undefined;
  if (configured?.settings !== settings) configured = { client: WechatMsgSecCheck.fromConfig(), settings };
  return configured.client;
}

/**
 * Our verdict made stricter by the second opinion: its `risky` or `review` sends a text we would pass to a
 * human reviewer (never straight to a block: it is a second opinion, and a reviewer sees why).
 */
export function combineWithSecondOpinion(own: ModerationResult, second: SecondOpinionVerdict | undefined): ModerationResult {
  if (!second || second.verdict === 'pass' || own.verdict === 'block') return own;
  const categories = own.verdict === 'review' ? [...new Set([...own.categories, ...second.categories])] : second.categories.length > 0 ? second.categories : ['other'];
  return { verdict: 'review', hits: own.hits, categories, secondOpinion: second.verdict };
}
