import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';
import { h5Options } from './h5';

/** `shared/` lives beside `miniapp/`: the API contract the functions use too. */
const sharedDir = path.resolve(__dirname, '..', '..', 'shared');
const platform = process.env.TARO_ENV ?? 'weapp';
/**
 * `BARE_TARO=1` builds the bare Taro page of `bench/fixtures/bare-taro` instead of the app, with this very
 * configuration: the baseline `npm run bench:h5` compares the home page against.
 */
const bare = process.env.BARE_TARO === '1';

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'forest-party-miniapp',
    date: '2025-01-01',
    // 375 so that a `16px` in our CSS means 16 CSS pixels on a phone (mini: 32rpx).
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: bare ? path.relative(path.resolve(__dirname, '..'), path.resolve(__dirname, '..', '..', 'bench', 'fixtures', 'bare-taro', 'src')) : 'src',
    outputRoot: bare ? `dist-bare/${platform}` : `dist/${platform}`,
    plugins: [],
    // App code must read configuration only through these constants: H5 has no `process.env`.
    defineConstants: {
      API_BASE_URL: JSON.stringify(process.env.API_BASE_URL ?? ''),
      APP_STAGE: JSON.stringify(process.env.APP_STAGE ?? 'local'),
      // The stage's member-card public key (hex), for verifying cards offline; empty: the local development key.
      MEMBER_CARD_PUBLIC_KEY: JSON.stringify(process.env.MEMBER_CARD_PUBLIC_KEY ?? ''),
    },
    alias: {
      '@shared': sharedDir,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // Babel must compile shared/ (TypeScript outside sourceRoot).
      compile: { include: [sharedDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: h5Options(sharedDir, { serviceWorker: !bare }),
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
