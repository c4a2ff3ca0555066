import type { AWS } from '@serverless/typescript';
import { localNotifyUrl } from '../../functions/dues/wechatpay/local-simulator';

/** The local pay simulator's callback address is configuration the local stack sets, never the request's Host. */
function environmentOf(stage: string, apiPort?: string): Record<string, unknown> {
  const saved = { stage: process.env.SLS_STAGE, port: process.env.API_PORT };
  process.env.SLS_STAGE = stage;
  if (apiPort) process.env.API_PORT = apiPort;
  let config: AWS | undefined;
  jest.isolateModules(() => {
    config = require('../../serverless') as AWS;
  });
  process.env.SLS_STAGE = saved.stage;
  if (saved.stage === undefined) delete process.env.SLS_STAGE;
  process.env.API_PORT = saved.port;
  if (saved.port === undefined) delete process.env.API_PORT;
  return config!.provider.environment as Record<string, unknown>;
}

describe('the local pay simulator\'s notify address', () => {
  it('is set by the local stack to its own API port\'s notify endpoint', () => {
    expect(environmentOf('local', '4567').LOCAL_PAY_NOTIFY_URL).toBe('http://127.0.0.1:4567/api/v1/dues/notify/wechatpay');
    expect(environmentOf('local').LOCAL_PAY_NOTIFY_URL).toBe('http://127.0.0.1:3000/api/v1/dues/notify/wechatpay');
  });

  it('is not part of a deployed stage, which has no simulator', () => {
    expect(environmentOf('prod')).not.toHaveProperty('LOCAL_PAY_NOTIFY_URL');
  });

  it('is read from configuration, and refused with a clear error when missing or not an http(s) URL', () => {
    expect(localNotifyUrl({ LOCAL_PAY_NOTIFY_URL: 'http://127.0.0.1:3000/api/v1/dues/notify/wechatpay' })).toBe('http://127.0.0.1:3000/api/v1/dues/notify/wechatpay');
    for (const value of [undefined, '', 'not a url', 'file:///etc/passwd']) {
      expect(() => localNotifyUrl({ LOCAL_PAY_NOTIFY_URL: value })).toThrow(expect.objectContaining({ status: 503, code: 'DUES_PAYMENT_UNAVAILABLE' }));
    }
  });
});
