/** `npm run package`: `sls package` offline, with no AWS credentials, then one line per function zip. */
import { packagedFunctions, zipBytes } from './packaging/lambda-artifacts';
import { packageService } from './packaging/package-service';

async function main(): Promise<void> {
  await packageService(process.env.PACKAGE_STAGE ?? 'dev');
  const functions = packagedFunctions();
  for (const fn of functions) console.log(`${`${fn.name}.zip`.padEnd(20)} ${(zipBytes(fn.zip) / 1024).toFixed(0)} KB`);
  if (functions.length !== 6) {
    console.error(`expected one zip per function (6), found ${functions.length}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
