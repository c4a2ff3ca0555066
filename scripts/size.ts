/**
 * `npm run size [-- --no-build]`: builds the weapp (production) and prints the size of the main package, each
 * sub-package and the total, as WeChat counts them; exits 1 when a budget is broken (see size/accounting.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { accountSizes, budgetFailures, formatReport, type BuiltFile } from './size/accounting';

const ROOT = join(__dirname, '..');
const WEAPP_DIST = join(ROOT, 'miniapp', 'dist', 'weapp');

function build(): void {
  const result = spawnSync('npm', ['run', 'build:weapp', '-w', 'miniapp'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    process.stderr.write(`the weapp build failed:\n${result.stdout.slice(-6000)}\n${result.stderr.slice(-4000)}\n`);
    process.exit(1);
  }
}

function filesUnder(dir: string): BuiltFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return [{ path: relative(WEAPP_DIST, path).split(sep).join('/'), bytes: statSync(path).size }];
  });
}

/** The sub-package roots as the build wrote them into app.json: what the WeChat client itself reads. */
function subPackageRoots(): string[] {
  const appJson = JSON.parse(readFileSync(join(WEAPP_DIST, 'app.json'), 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  return (appJson.subPackages ?? appJson.subpackages ?? []).map((sub) => sub.root);
}

if (!process.argv.includes('--no-build')) build();
const report = accountSizes(filesUnder(WEAPP_DIST), subPackageRoots());
for (const line of formatReport(report)) console.log(line);
const failures = budgetFailures(report);
for (const failure of failures) console.error(`over budget: ${failure}`);
process.exit(failures.length > 0 ? 1 : 0);
