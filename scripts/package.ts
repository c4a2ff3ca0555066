/** `npm run package`: `sls package` offline, with no AWS credentials, then one line per function zip. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './local/h5-build';
import { serverless } from './local/serverless-cli';

const stage = process.env.PACKAGE_STAGE ?? 'dev';
const cli = serverless(['package', '--stage', stage]);
cli.stdout?.pipe(process.stdout);
cli.stderr?.pipe(process.stderr);
cli.once('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const dir = join(ROOT, '.serverless');
  const zips = readdirSync(dir).filter((file) => file.endsWith('.zip'));
  for (const zip of zips) console.log(`${zip.padEnd(20)} ${(statSync(join(dir, zip)).size / 1024).toFixed(0)} KB`);
  if (zips.length !== 6) {
    console.error(`expected one zip per function (6), found ${zips.length}`);
    process.exit(1);
  }
});
