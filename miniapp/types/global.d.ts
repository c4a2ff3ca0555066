/// <reference types="@tarojs/taro" />

/** Injected by `defineConstants` in config/index.ts (env `API_BASE_URL`, '' = same origin). */
declare const API_BASE_URL: string;
/** Injected by `defineConstants` in config/index.ts (env `APP_STAGE`, default 'local'). */
declare const APP_STAGE: string;

declare module '*.png';
declare module '*.svg';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
    NODE_ENV: 'development' | 'production';
  }
}

/** Injected by `defineConstants` (env `MEMBER_CARD_PUBLIC_KEY`): the stage's card-signing public key, '' on the local stage. */
declare const MEMBER_CARD_PUBLIC_KEY: string;
