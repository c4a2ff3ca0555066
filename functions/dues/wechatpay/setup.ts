import { wechatPaySettings } from '../../../shared/runtime/config';
import { WechatPayClient } from './client';
import type { NotificationKeys, PaymentGateway } from './gateway';
import { LocalPaySimulator, localPayKeys } from './local-simulator';

/**
 * WeChat Pay when it is configured; on the local stage without settings, the labelled local simulator.
 * Any other stage without settings refuses (see wechatPaySettings).
 */
export async function paymentSetup(): Promise<{ gateway: PaymentGateway; keys: NotificationKeys }> {
  const settings = wechatPaySettings();
  if (settings) {
    const { mchId, appId, apiV3Key, platformKeys } = settings;
    return { gateway: new WechatPayClient(settings), keys: { mchId, appId, apiV3Key, platformKeys } };
  }
  const keys = await localPayKeys();
  return { gateway: new LocalPaySimulator(keys), keys };
}
