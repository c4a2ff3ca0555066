/**
 * The phone under the mini-program's modules in unit tests: Taro's storage and network, kept in memory, so that
 * everything between them and the server is the app's own code. A test mocks Taro with it before importing app
 * modules, then reads and drives the same phone:
 *
 *   jest.mock('@tarojs/taro', () => jest.requireActual('../support/fake-phone').fakeTaro(), { virtual: true });
 *   import { phone } from '../support/fake-phone';
 */
export const phone = {
  storage: new Map<string, unknown>(),
  /** Taro.request: answer it with `phone.request.mockResolvedValueOnce({ statusCode, data, header })`. */
  request: jest.fn(),
};

declare global {
  // The mini-program's build defines it (defineConstants); here the fake phone does.
  var API_BASE_URL: string;
}
globalThis.API_BASE_URL = 'https://dangjian.test';

export function fakeTaro() {
  const { storage, request } = phone;
  return {
    __esModule: true,
    useDidShow: () => undefined,
    default: {
      request: (options: unknown) => request(options),
      getStorageSync: (key: string) => storage.get(key) ?? '',
      setStorageSync: (key: string, value: unknown) => storage.set(key, value),
      removeStorageSync: (key: string) => storage.delete(key),
      getStorageInfoSync: () => ({ keys: [...storage.keys()] }),
      getSystemInfoSync: () => ({ environment: undefined }),
      getCurrentInstance: () => ({ router: null }),
      eventCenter: { trigger: () => undefined },
    },
  };
}
