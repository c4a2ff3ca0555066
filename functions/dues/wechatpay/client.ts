import type { JsapiParams } from '../../../shared/api/dues';
import { AppError } from '../../../shared/runtime/app-error';
import type { WechatPaySettings } from '../../../shared/runtime/config';
import { logger } from '../../../shared/runtime/logger';
import type { PaymentGateway } from './gateway';
import { signJsapiParams } from './jsapi';
import { nonce, rsaSign, signatureProblem, signedMessage } from './signing';

/**
 * The WeChat Pay v3 merchant API: every request signed with the merchant key
 * (`Authorization: WECHATPAY2-SHA256-RSA2048 …`), every answer's signature checked with the platform key,
 * a timeout on every call.
 */
export class WechatPayClient implements PaymentGateway {
  readonly mode = 'wechatpay' as const;

  constructor(
    private readonly settings: WechatPaySettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createOrder(order: { outTradeNo: string; description: string; amountFen: number; payerOpenId?: string }): Promise<{ prepayId: string }> {
    if (!order.payerOpenId) {
      throw new AppError(400, 'VALIDATION_FAILED', '请在微信中打开小程序缴纳，或联系支部线下缴纳', [{ path: 'body.payerOpenId', message: '缺少付款人的微信标识' }]);
    }
    const reply = await this.request('POST', '/v3/pay/transactions/jsapi', {
      appid: this.settings.appId,
      mchid: this.settings.mchId,
      description: order.description,
      out_trade_no: order.outTradeNo,
      notify_url: this.settings.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
      payer: { openid: order.payerOpenId },
    });
    if (typeof reply.prepay_id !== 'string') throw this.unavailable('no prepay_id');
    return { prepayId: reply.prepay_id };
  }

  jsapiParams(prepayId: string, now = this.now()): JsapiParams {
    return signJsapiParams(this.settings.appId, this.settings.merchantPrivateKey, prepayId, now);
  }

  private authorization(method: string, path: string, body: string): string {
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const nonceStr = nonce();
    const signature = rsaSign(this.settings.merchantPrivateKey, signedMessage(method, path, timestamp, nonceStr, body));
    return `WECHATPAY2-SHA256-RSA2048 mchid="${this.settings.mchId}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${this.settings.merchantSerial}"`;
  }

  private async request(method: 'POST', path: string, payload: unknown): Promise<Record<string, unknown>> {
    const body = JSON.stringify(payload);
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path, this.settings.baseUrl), {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: this.authorization(method, path, body) },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw this.unavailable(`HTTP ${response.status} ${text.slice(0, 200)}`);
    const problem = signatureProblem((name) => response.headers.get(name) ?? undefined, text, this.settings.platformKeys, this.now());
    if (problem) throw this.unavailable(`answer signature: ${problem}`);
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw this.unavailable('answer is not JSON');
    }
  }

  private unavailable(reason: string): AppError {
    logger.warn('wechat pay call failed', { reason });
    return new AppError(503, 'DUES_PAYMENT_UNAVAILABLE');
  }
}
