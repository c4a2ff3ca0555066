import Taro from '@tarojs/taro';
import type { KeyValueStore } from './store';

/** Taro's synchronous storage (wx storage in the mini-program, localStorage in H5). */
export const taroStore: KeyValueStore = {
  get: (key) => Taro.getStorageSync(key) as unknown,
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
};
