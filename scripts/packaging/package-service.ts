import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../local/h5-build';
import { serverless } from '../local/serverless-cli';

const BUILD_DIR = join(ROOT, '.esbuild', '.build');
export const SOURCEMAPS_DIR = join(ROOT, '.serverless', 'sourcemaps');

function mapsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : mapsUnder(path);
    return entry.name.endsWith('.js.map') ? [path] : [];
  });
}

/**
 * The zips carry no sourcemaps (serverless.ts): each bundle's map is kept beside them, at the bundle's path in the
 * zip (`.serverless/sourcemaps/functions/<name>/handler.js.map`), to read a deployed function's stack trace.
 */
function keepSourcemaps(): number {
  rmSync(SOURCEMAPS_DIR, { recursive: true, force: true });
  if (!existsSync(BUILD_DIR)) return 0;
  const maps = mapsUnder(BUILD_DIR).filter((map) => !relative(BUILD_DIR, map).startsWith('__only_'));
  for (const map of maps) cpSync(map, join(SOURCEMAPS_DIR, relative(BUILD_DIR, map)), { force: true });
  return maps.length;
}

/** `sls package` offline for a stage (no AWS credentials): the template and one zip per function in `.serverless/`. */
export function packageService(stage: string, output: 'inherit' | 'quiet' = 'inherit'): Promise<void> {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const cli = serverless(['package', '--stage', stage]);
  let log = '';
  if (output === 'inherit') {
    cli.stdout?.pipe(process.stdout);
    cli.stderr?.pipe(process.stderr);
  } else {
    cli.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    cli.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  }
  return new Promise((resolve, reject) => {
    cli.once('error', reject);
    cli.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`sls package exited with ${code}\n${log.slice(-4000)}`));
      const maps = keepSourcemaps();
      if (output === 'inherit') console.log(`${maps} sourcemaps kept beside the zips in ${relative(ROOT, SOURCEMAPS_DIR)}/ (not in them)`);
      resolve();
    });
  });
}
