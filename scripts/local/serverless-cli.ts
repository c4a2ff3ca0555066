import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './h5-build';

/**
 * Runs the Serverless Framework 3 CLI kept inside the project: its HOME is a git-ignored folder and
 * telemetry and notifications are off, so it works offline and with no AWS credentials.
 */
export function serverless(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const home = join(ROOT, '.home');
  mkdirSync(home, { recursive: true });
  return spawn(process.execPath, [join(ROOT, 'node_modules', 'serverless', 'bin', 'serverless.js'), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      HOME: home,
      SLS_TELEMETRY_DISABLED: '1',
      SLS_NOTIFICATIONS_MODE: 'off',
      SLS_DEPRECATION_DISABLE: '*',
      SERVERLESS_PLATFORM_STAGE: 'prod',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
