import type { IH5Config } from '@tarojs/taro/types/compile';
import { GenerateSW } from 'workbox-webpack-plugin';

type H5Config = IH5Config<'webpack5'>;

/** The service worker's file, at the site root so its scope is the whole app (the web server never caches it). */
export const SERVICE_WORKER_FILE = 'sw.js';

/**
 * Workbox's generated service worker: it precaches every file of the build — the shell (index.html) and the
 * JS and CSS of every page of every sub-package — so after one online visit any page opens, and a reload
 * works, without a network. API calls are left alone: the app's own cache and outbox handle data. A new
 * deployment's worker waits until the member taps 「有新版本，点此刷新」 (src/services/service-worker.ts sends
 * SKIP_WAITING), so a running page never mixes two versions' chunks.
 */
const serviceWorkerOptions: ConstructorParameters<typeof GenerateSW>[0] = {
  swDest: SERVICE_WORKER_FILE,
  mode: 'production',
  inlineWorkboxRuntime: true,
  sourcemap: false,
  skipWaiting: false,
  // The first install takes over the page that registered it, so pages not yet opened load from the cache.
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  // Build output named by content hash needs no cache-busting query.
  dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.(js|css)$/,
  exclude: [/\.map$/, /\.LICENSE\.txt$/],
  // The charts' chunk is large; it is still part of the app.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  // The router uses the hash: every navigation is the shell.
  navigateFallback: 'index.html',
  navigateFallbackDenylist: [/^\/api\//],
};

/**
 * The H5 build options, shared with the bare Taro page the H5 benchmark compares against
 * (bench/fixtures/bare-taro), so both are built the same way. `sharedDir`: the API contract beside the app;
 * `serviceWorker`: generate `sw.js` (the app registers it; the bare page has nothing to keep offline).
 */
export function h5Options(sharedDir?: string, { serviceWorker = false }: { serviceWorker?: boolean } = {}): H5Config {
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
      if (serviceWorker) chain.plugin('service-worker').use(GenerateSW, [serviceWorkerOptions]);
    },
    postcss: {
      // Keep px as px in the browser: readable sizes must not shrink on wide screens.
      pxtransform: { enable: false, config: {} },
      autoprefixer: { enable: true, config: {} },
      cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
    },
  };
}
