import { build } from 'esbuild';
import { join } from 'node:path';
import type { BundleSettings, LocalFunction } from './functions';

export interface Bundles {
  /** The local Lambda runtime a copy of a function starts with (runtime.ts), as plain JavaScript. */
  runtime: string;
  /** Each function's handler bundle, by function key. */
  handlers: Map<string, string>;
}

/**
 * Bundles every handler as the deploy does (serverless-esbuild's settings from `custom.esbuild`), into
 * `outdir/<function>.js`, with the local runtime beside them: a copy runs the code that would be shipped,
 * starts fast, and needs no TypeScript loader.
 */
export async function bundleHandlers(
  root: string,
  outdir: string,
  functions: Array<Pick<LocalFunction, 'key' | 'source'>>,
  settings: BundleSettings,
): Promise<Bundles> {
  const common = { absWorkingDir: root, outdir, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: Object.fromEntries(functions.map((fn) => [fn.key, join(root, fn.source)])),
      target: settings.target,
      minify: settings.minify,
      sourcemap: settings.sourcemap,
      external: settings.exclude,
    }),
    build({ ...common, entryPoints: { 'local-runtime': join(__dirname, 'runtime.ts') }, target: 'node20', outExtension: { '.js': '.cjs' } }),
  ]);
  return {
    runtime: join(outdir, 'local-runtime.cjs'),
    handlers: new Map(functions.map((fn) => [fn.key, join(outdir, `${fn.key}.js`)])),
  };
}
