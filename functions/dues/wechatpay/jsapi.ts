import type { JsapiParams } from '../../../shared/api/dues';
import { nonce, rsaSign, signedMessage } from './signing';

/** `wx.requestPayment` parameters: paySign is RSA-SHA256 over "appId\ntimeStamp\nnonceStr\npackage\n". */
export function signJsapiParams(appId: string, merchantPrivateKey: string, prepayId: string, now: Date): JsapiParams {
  const timeStamp = String(Math.floor(now.getTime() / 1000));
  const nonceStr = nonce();
  const pkg = `prepay_id=${prepayId}`;
  return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign: rsaSign(merchantPrivateKey, signedMessage(appId, timeStamp, nonceStr, pkg)) };
}
