/**
 * `npm run lint:template`: packages the stack if the template is missing or older than what generates it,
 * then runs cfn-lint over it (settings in .cfnlintrc.yaml). Fails on any error, on any warning not accepted in
 * scripts/deploy/cfn-lint-accepted.ts, on a literal `arn:aws:` (ARNs must name `${AWS::Partition}`), and when
 * cfn-lint is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACCEPTED_FINDINGS } from './deploy/cfn-lint-accepted';
import { ROOT } from './local/h5-build';

const TEMPLATE = join(ROOT, '.serverless', 'cloudformation-template-update-stack.json');
/** What the template is generated from: the Serverless configuration and every module it imports. */
const SOURCES = ['serverless.ts', 'scripts/deploy', 'shared', 'functions'];

interface Finding {
  Level: 'Error' | 'Warning' | 'Informational';
  Message: string;
  Rule: { Id: string };
  Location: { Path: Array<string | number>; Start: { LineNumber: number } };
}

function fail(message: string): never {
  console.error(`lint:template FAILED: ${message}`);
  process.exit(1);
}

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.ts') || path.endsWith('.json') ? stat.mtimeMs : 0;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

const version = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  fail('cfn-lint is not installed (it checks the template CloudFormation will be given): install it with `pip install cfn-lint`.');
}
console.log(version.stdout.trim());

const stale = !existsSync(TEMPLATE) || Math.max(...SOURCES.map((source) => newestSource(join(ROOT, source)))) > statSync(TEMPLATE).mtimeMs;
if (stale || process.argv.includes('--package')) {
  console.log('packaging first (npm run package)');
  const packaged = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (packaged.status !== 0) fail('npm run package failed');
}

const literalArns = readFileSync(TEMPLATE, 'utf8').match(/arn:aws:[^"]*/g) ?? [];
if (literalArns.length > 0) fail(`literal ARNs (use \${AWS::Partition}): ${[...new Set(literalArns)].join(', ')}`);

const lint = spawnSync('cfn-lint', ['--config-file', join(ROOT, '.cfnlintrc.yaml'), '--format', 'json', '--', TEMPLATE], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let findings: Finding[];
try {
  findings = JSON.parse(lint.stdout || '[]') as Finding[];
} catch {
  fail(`cfn-lint did not answer in JSON (exit ${lint.status}): ${lint.stderr || lint.stdout}`);
}

const accepted = new Map<string, number>();
const rejected: Finding[] = [];
for (const finding of findings) {
  const resource = String(finding.Location.Path[1] ?? '');
  const match =
    finding.Level !== 'Error' &&
    ACCEPTED_FINDINGS.find((entry) => entry.rule === finding.Rule.Id && entry.resource.test(resource) && entry.message.test(finding.Message));
  if (match) accepted.set(match.reason, (accepted.get(match.reason) ?? 0) + 1);
  else rejected.push(finding);
}

const errors = findings.filter((finding) => finding.Level === 'Error').length;
console.log(`cfn-lint: ${errors} errors, ${findings.length - errors} warnings/notes, ${findings.length - rejected.length} of them accepted:`);
for (const [reason, count] of accepted) console.log(`  ${String(count).padStart(4)} × ${reason}`);
for (const finding of rejected) {
  console.error(`${finding.Rule.Id} ${finding.Level}: ${finding.Message}\n  at ${finding.Location.Path.join('/')} (line ${finding.Location.Start.LineNumber})`);
}
if (rejected.length > 0) fail(`${rejected.length} finding(s) not accepted (see scripts/deploy/cfn-lint-accepted.ts)`);
if (lint.status !== 0 && findings.length === 0) fail(`cfn-lint exited ${lint.status}: ${lint.stderr}`);
console.log('lint:template ok');
