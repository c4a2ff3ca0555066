import Taro from '@tarojs/taro';

/** The part of the WeCom mini-program API we use (`wx.qy` exists only inside WeCom). */
interface WxQyLoginSuccess {
  code: string;
  errMsg?: string;
}
interface WxQyLoginFail {
  errMsg: string;
}
interface WxQy {
  login(options: { success: (res: WxQyLoginSuccess) => void; fail: (err: WxQyLoginFail) => void }): void;
}
declare const wx: { qy?: WxQy } | undefined;

/** True when the mini-program runs inside WeCom (企业微信) rather than WeChat or a browser. */
export function isWecom(): boolean {
  try {
    return Taro.getSystemInfoSync().environment === 'wxwork';
  } catch {
    return false;
  }
}

function wxQy(): WxQy | null {
  return typeof wx !== 'undefined' && wx?.qy ? wx.qy : null;
}

export class WecomLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WecomLoginError';
    // Keeps `instanceof` working once Babel compiles the class to ES5.
    Object.setPrototypeOf(this, WecomLoginError.prototype);
  }
}

/** Asks WeCom for a one-time login code, to exchange at `POST /api/v1/auth/wecom-login`. */
export function wecomLoginCode(): Promise<string> {
  const qy = wxQy();
  if (!qy) return Promise.reject(new WecomLoginError('当前环境不是企业微信，无法自动登录'));
  return new Promise((resolve, reject) => {
    qy.login({
      success: (res) => {
        if (res.code) resolve(res.code);
        else reject(new WecomLoginError('企业微信未返回登录凭证，请重新进入小程序'));
      },
      fail: () => reject(new WecomLoginError('企业微信登录失败，请重新进入小程序')),
    });
  });
}

/**
 * Reads a check-in QR code with the camera (the mini-program in WeCom or WeChat). Null when the member
 * cancelled or the platform has no camera scan (a browser: the page offers the code entry field there).
 */
export async function scanCheckinCode(): Promise<string | null> {
  if (process.env.TARO_ENV === 'h5') return null;
  try {
    const scanned = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    return scanned.result ? scanned.result : null;
  } catch {
    return null;
  }
}
