/** `npm run package`: `sls package` offline, with no AWS credentials, then one line per function zip. */
import { packagedFunctions, zipBytes } from './packaging/lambda-artifacts';
import { packageService } from './packaging/package-service';
import { localService } from './local/api/functions';

async function main(): Promise<void> {
  await packageService(process.env.PACKAGE_STAGE ?? 'dev');
  const functions = packagedFunctions();
  for (const fn of functions) console.log(`${`${fn.name}.zip`.padEnd(20)} ${(zipBytes(fn.zip) / 1024).toFixed(0)} KB`);
  // One zip for every function serverless.ts declares, no more, no fewer.
  const declared = localService().functions.map((fn) => fn.key).sort();
  const zipped = functions.map((fn) => fn.name).sort();
  if (JSON.stringify(zipped) !== JSON.stringify(declared)) {
    console.error(`expected one zip per function (${declared.join(', ')}), found ${zipped.join(', ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
