import type { JsapiParams } from '../../../shared/api/dues';

/** Where payment orders are opened: WeChat Pay itself, or the local stage's labelled simulator. */
export interface PaymentGateway {
  readonly mode: 'wechatpay' | 'local-simulator';
  createOrder(order: { outTradeNo: string; description: string; amountFen: number; payerOpenId?: string }): Promise<{ prepayId: string }>;
  /** The parameters `wx.requestPayment` needs, signed with the merchant key. */
  jsapiParams(prepayId: string, now?: Date): JsapiParams;
}

/** What a notification is checked with. */
export interface NotificationKeys {
  mchId: string;
  appId: string;
  apiV3Key: string;
  /** Platform (or WeChat Pay public) keys by serial. */
  platformKeys: Record<string, string>;
}
