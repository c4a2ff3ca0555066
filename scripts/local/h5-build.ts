import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const H5_DIST = join(ROOT, 'miniapp', 'dist', 'h5');

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const LOCK = join(ROOT, 'miniapp', '.h5-build-lock');

/** Two starts at once (tests, a developer) must not write the same dist folder together. */
function withBuildLock(build: () => void): void {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const stale = existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 10 * 60_000;
      if (stale) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`another H5 build holds ${LOCK}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  try {
    build();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Builds the H5 app when there is no build or the app's sources (or the shared contract) changed since. */
export function ensureH5Build(log: (line: string) => void): void {
  withBuildLock(() => buildIfStale(log));
}

function buildIfStale(log: (line: string) => void): void {
  const index = join(H5_DIST, 'index.html');
  const sources = Math.max(newestChange(join(ROOT, 'miniapp', 'src')), newestChange(join(ROOT, 'miniapp', 'config')), newestChange(join(ROOT, 'shared', 'api')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log('building the H5 app (about half a minute)…');
  const result = spawnSync('npm', ['run', 'build:h5', '-w', 'miniapp'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // A production build whoever starts it: under jest NODE_ENV is 'test', which gives a dev bundle that cannot run.
    env: { ...process.env, NODE_ENV: 'production', API_BASE_URL: '', APP_STAGE: 'local' },
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(index)) {
    throw new Error(`the H5 build failed:\n${result.stdout}\n${result.stderr}`);
  }
}
