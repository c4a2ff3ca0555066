import { loadConfig, wechatPaySettings } from '../../shared/runtime/config';
import { openNotification } from '../../functions/dues/wechatpay/notification';
import { paymentNotification, wechatPayEnvironment, wechatPayTestKeys } from '../support/fake-wechatpay';

const keys = wechatPayTestKeys();
const env = wechatPayEnvironment(keys, 'https://api.mch.weixin.qq.com');
const notificationKeys = { mchId: keys.mchId, appId: keys.appId, apiV3Key: keys.apiV3Key, platformKeys: { [keys.platformSerial]: keys.platform.publicKey } };

describe('WeChat Pay configuration', () => {
  it('uses the local simulator only on the local stage, and refuses any other stage without every setting', () => {
    expect(wechatPaySettings(loadConfig({ STAGE: 'local' }))).toBeUndefined();
    const prod = { STAGE: 'prod', JWT_SECRET: 'x'.repeat(40) };
    expect(() => wechatPaySettings(loadConfig(prod))).toThrow(/refusing to take WeChat Pay payments on stage "prod" without WECHATPAY_MCH_ID/);
    const { WECHATPAY_APIV3_KEY: _missing, ...partial } = env;
    expect(() => wechatPaySettings(loadConfig({ ...prod, ...partial }))).toThrow(/WECHATPAY_APIV3_KEY/);
    const settings = wechatPaySettings(loadConfig({ ...prod, ...env }));
    expect(settings?.merchantPrivateKey).toBe(keys.merchant.privateKey);
    expect(settings?.platformKeys[keys.platformSerial]).toBe(keys.platform.publicKey);
  });

  it('refuses an APIv3 key that is not 32 bytes and platform keys that are not a JSON map', () => {
    expect(() => wechatPaySettings(loadConfig({ ...env, WECHATPAY_APIV3_KEY: 'short' }))).toThrow(/32 bytes/);
    expect(wechatPaySettings(loadConfig({ STAGE: 'local', WECHATPAY_MCH_ID: '', WECHATPAY_APIV3_KEY: ' ' }))).toBeUndefined();
    expect(() => wechatPaySettings(loadConfig({ ...env, WECHATPAY_PLATFORM_KEYS: '[1,2]' }))).toThrow(/JSON object/);
  });
});

describe('opening a notification', () => {
  const now = new Date();

  it('verifies the signature before parsing, then decrypts the transaction', () => {
    const notification = paymentNotification(keys, 'D202605abc', 4200);
    const opened = openNotification((name) => notification.headers[name], notification.body, notificationKeys, now);
    expect(opened).toMatchObject({ kind: 'transaction', transaction: { out_trade_no: 'D202605abc', amount: { total: 4200 }, transaction_id: notification.transactionId } });
  });

  it('names what is wrong: serial, signature, stale timestamp or encryption', () => {
    const open = (notification: { headers: Record<string, string>; body: string }) => openNotification((name) => notification.headers[name], notification.body, notificationKeys, now);
    expect(open(paymentNotification(keys, 'o', 1, {}, { serial: 'nope' }))).toEqual({ kind: 'rejected', problem: 'unknown-serial' });
    expect(open(paymentNotification(keys, 'o', 1, {}, { signingKey: wechatPayTestKeys().platform.privateKey }))).toEqual({ kind: 'rejected', problem: 'bad-signature' });
    expect(open(paymentNotification(keys, 'o', 1, {}, { timestamp: Math.floor(now.getTime() / 1000) - 301 }))).toEqual({ kind: 'rejected', problem: 'stale' });
    expect(open(paymentNotification(keys, 'o', 1, {}, { timestamp: Math.floor(now.getTime() / 1000) - 299 })).kind).toBe('transaction');
    expect(open(paymentNotification(keys, 'o', 1, {}, { apiV3Key: 'k'.repeat(32) }))).toEqual({ kind: 'rejected', problem: 'undecryptable' });
    expect(open(paymentNotification(keys, 'o', 1, {}, { eventType: 'REFUND.SUCCESS' }))).toEqual({ kind: 'other-event', eventType: 'REFUND.SUCCESS' });
  });
});
