import { AppError } from '../app-error';
import { config, type Config } from '../config';
import { WecomClient } from '../wecom';
import type { Notice } from './notice';

/** The outbound-message interface: one call delivers one batch (≤ 1,000 recipients) of a notice. */
export interface NoticeSender {
  send(notice: Notice, recipients: string[]): Promise<{ invalidUsers: string[] }>;
}

/** Sends through WeCom `message/send` as a `miniprogram_notice`, with WeCom's duplicate check on. */
export class WecomNoticeSender implements NoticeSender {
  constructor(
    private readonly client: WecomClient,
    private readonly appId: string,
  ) {}

  static fromConfig(): WecomNoticeSender {
    return new WecomNoticeSender(WecomClient.fromConfig(), config().WECOM_MINIPROGRAM_APPID);
  }

  async send(notice: Notice, recipients: string[]): Promise<{ invalidUsers: string[] }> {
    const reply = await this.client.post('/cgi-bin/message/send', {
      touser: recipients.join('|'),
      msgtype: 'miniprogram_notice',
      miniprogram_notice: {
        appid: this.appId,
        page: notice.page,
        title: notice.title,
        description: notice.description,
        emphasis_first_item: false,
        content_item: notice.contentItems ?? [],
      },
      enable_id_trans: 0,
      enable_duplicate_check: 1,
      duplicate_check_interval: 1800,
    });
    if (reply.errcode !== 0) throw new AppError(503, 'WECOM_UNAVAILABLE', `企业微信消息发送失败（${String(reply.errcode)}）`);
    const invalid = typeof reply.invaliduser === 'string' && reply.invaliduser ? reply.invaliduser.split('|') : [];
    return { invalidUsers: invalid };
  }
}

let perCopy: { config: Config; sender: NoticeSender } | undefined;

/**
 * The WeCom sender of this Lambda copy: one, so its access token is fetched once and reused by every notice.
 * A new configuration (tests point WeCom at a fake server) gets a new sender.
 */
export function wecomNoticeSender(): NoticeSender {
  const current = config();
  if (perCopy?.config !== current) perCopy = { config: current, sender: WecomNoticeSender.fromConfig() };
  return perCopy.sender;
}
