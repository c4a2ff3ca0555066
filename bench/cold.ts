/**
 * `npm run bench:cold` — what each packaged function costs Lambda before its first request: the zip's size, and
 * the median CPU time (user + system) of loading its handler in a fresh Node 22 process with only the AWS SDK
 * supplied from outside (the copy's init), beside the DynamoDB document client alone (the SDK a function cannot
 * avoid). Targets (issue #16): every zip ≤ 1 MB, course push (jieba's dictionary and binary) ≤ 3 MB; every init
 * ≤ 120 ms CPU beyond the bare SDK client. Packages first unless BENCH_COLD_NO_PACKAGE=1; BENCH_COLD_RUNS copies each.
 */
import { loadavg } from 'node:os';
import {
  lambdaNode,
  localStageEnvironment,
  packagedFunctions,
  runCopy,
  scratchDir,
  unpack,
  zipBytes,
  type CopyOptions,
} from '../scripts/packaging/lambda-artifacts';
import { packageService } from '../scripts/packaging/package-service';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
const MB = 1_000_000;
const ZIP_LIMIT: Record<string, number> = { coursePush: 3 * MB, assistant: 3 * MB };
const DEFAULT_ZIP_LIMIT = 1 * MB;
const INIT_LIMIT_MS = 120;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (micros: number) => micros / 1000;
const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');

async function medianInitMs(target: Parameters<typeof runCopy>[0], options: CopyOptions): Promise<number> {
  const samples: number[] = [];
  // One at a time: parallel copies on two shared cores would measure each other.
  for (let run = 0; run < RUNS; run += 1) samples.push(ms((await runCopy(target, options)).initCpuMicros));
  return median(samples);
}

async function main(): Promise<void> {
  if (process.env.BENCH_COLD_NO_PACKAGE !== '1') await packageService(process.env.PACKAGE_STAGE ?? 'dev');
  const node = lambdaNode();
  const scratch = scratchDir();
  try {
    console.log(`node ${node} · ${RUNS} fresh copies each · load average ${loadavg()[0]!.toFixed(2)}`);
    const sdkMs = await medianInitMs('sdk', { node, sdkPath: scratch.sdkPath, environment: {} });
    console.log(`AWS SDK alone (client-dynamodb + lib-dynamodb, client constructed): ${sdkMs.toFixed(1)} ms CPU`);
    console.log('');
    console.log(`${'function'.padEnd(14)} ${'zip KB'.padStart(8)}  ${'init ms'.padStart(8)}  ${'beyond SDK'.padStart(10)}  size      init`);
    let allMet = true;
    for (const fn of packagedFunctions()) {
      const taskRoot = await unpack(fn.zip, scratch.dir);
      const environment = localStageEnvironment(fn, { TABLE_NAME: 'bench-cold' });
      const initMs = await medianInitMs({ taskRoot, handler: fn.handler }, { node, sdkPath: scratch.sdkPath, environment });
      const bytes = zipBytes(fn.zip);
      const sizeMet = bytes <= (ZIP_LIMIT[fn.name] ?? DEFAULT_ZIP_LIMIT);
      const initMet = initMs - sdkMs <= INIT_LIMIT_MS;
      allMet &&= sizeMet && initMet;
      console.log(
        `${fn.name.padEnd(14)} ${(bytes / 1024).toFixed(0).padStart(8)}  ${initMs.toFixed(1).padStart(8)}  ${`+${(initMs - sdkMs).toFixed(1)}`.padStart(10)}  ${verdict(sizeMet).padEnd(8)}  ${verdict(initMet)}`,
      );
    }
    console.log('');
    console.log(`targets: zip ≤ 1 MB (coursePush, assistant ≤ 3 MB), init ≤ ${INIT_LIMIT_MS} ms CPU beyond the SDK alone — ${allMet ? 'all met' : 'NOT all met'}`);
    if (!allMet) process.exitCode = 1;
  } finally {
    scratch.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
