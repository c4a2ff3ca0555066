/** The typed wrappers over WeCom's mini-program API, driven with a stand-in for the `wx` and Taro globals. */
const taro = { getSystemInfoSync: jest.fn(), scanCode: jest.fn() };
// Delegates at call time: the mock factory runs before this file's own constants exist.
jest.mock(
  '@tarojs/taro',
  () => ({ __esModule: true, default: { getSystemInfoSync: () => taro.getSystemInfoSync(), scanCode: (options: unknown) => taro.scanCode(options) } }),
  { virtual: true },
);

import { isWecom, scanCheckinCode, wecomLoginCode, WecomLoginError } from '../../miniapp/src/services/wecom';

type LoginOptions = { success: (res: { code: string }) => void; fail: (err: { errMsg: string }) => void };
const globals = globalThis as { wx?: { qy?: { login(options: LoginOptions): void } } };

afterEach(() => {
  delete globals.wx;
  delete process.env.TARO_ENV;
  jest.resetAllMocks();
});

describe('running inside WeCom', () => {
  it('is told apart from WeChat and a browser by the environment WeCom reports', () => {
    taro.getSystemInfoSync.mockReturnValue({ environment: 'wxwork' });
    expect(isWecom()).toBe(true);
    taro.getSystemInfoSync.mockReturnValue({});
    expect(isWecom()).toBe(false);
    taro.getSystemInfoSync.mockImplementation(() => {
      throw new Error('no system info in this runtime');
    });
    expect(isWecom()).toBe(false);
  });
});

describe('wx.qy.login', () => {
  it('hands back the one-time code WeCom gives', async () => {
    globals.wx = { qy: { login: ({ success }) => success({ code: 'wecom-code-1' }) } };
    await expect(wecomLoginCode()).resolves.toBe('wecom-code-1');
  });

  it('explains in Chinese when there is no WeCom, no code, or WeCom refuses', async () => {
    await expect(wecomLoginCode()).rejects.toThrow('当前环境不是企业微信，无法自动登录');
    globals.wx = { qy: { login: ({ success }) => success({ code: '' }) } };
    await expect(wecomLoginCode()).rejects.toThrow('企业微信未返回登录凭证，请重新进入小程序');
    globals.wx = { qy: { login: ({ fail }) => fail({ errMsg: 'qy.login:fail' }) } };
    const refused = wecomLoginCode();
    await expect(refused).rejects.toBeInstanceOf(WecomLoginError);
    await expect(refused).rejects.toThrow('企业微信登录失败，请重新进入小程序');
  });
});

describe('scanning the check-in code', () => {
  it('reads a QR code from the camera only', async () => {
    taro.scanCode.mockResolvedValue({ result: 'checkin-token' });
    await expect(scanCheckinCode()).resolves.toBe('checkin-token');
    expect(taro.scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
  });

  it('gives nothing when the member cancels, and leaves the browser to the code entry field', async () => {
    taro.scanCode.mockRejectedValue(new Error('scanCode:fail cancel'));
    await expect(scanCheckinCode()).resolves.toBeNull();
    process.env.TARO_ENV = 'h5';
    taro.scanCode.mockResolvedValue({ result: 'checkin-token' });
    await expect(scanCheckinCode()).resolves.toBeNull();
    expect(taro.scanCode).toHaveBeenCalledTimes(1);
  });
});
