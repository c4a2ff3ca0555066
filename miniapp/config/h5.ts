import type { IH5Config } from '@tarojs/taro/types/compile';

type H5Config = IH5Config<'webpack5'>;

/**
 * The H5 build options, shared with the bare Taro page the H5 benchmark compares against
 * (bench/fixtures/bare-taro), so both are built the same way. `sharedDir`: the API contract beside the app.
 */
export function h5Options(sharedDir?: string): H5Config {
  const compileInclude = sharedDir ? [sharedDir] : [];
  return {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    compile: { include: compileInclude },
    output: {
      filename: 'js/[name].[contenthash:8].js',
      chunkFilename: 'js/[name].[contenthash:8].js',
    },
    miniCssExtractPluginOption: {
      ignoreOrder: true,
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
    webpackChain(chain) {
      // Taro splits only the entry's chunks, so every lazily loaded page carried its own copy of zod and the API
      // contract (~210 KB each): share what two pages use, in chunks big enough to be worth a request.
      chain.optimization.merge({ splitChunks: { chunks: 'all', minSize: 10_000 } });
    },
    postcss: {
      // Keep px as px in the browser: readable sizes must not shrink on wide screens.
      pxtransform: { enable: false, config: {} },
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
    },
  };
}
