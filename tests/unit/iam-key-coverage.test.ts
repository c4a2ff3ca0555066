/**
 * Least privilege must match what the code really does: every partition key value a function's shipped code
 * builds or names (through the key builders of keys.ts/table.ts, or as a literal in a key position) lies within
 * the partitions its deployment grants, and every partition it grants is one its code reaches. The code is the
 * function's bundle as esbuild sees it (its handler and everything imported), so shared modules count.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FunctionName } from '../../shared/api/contract';
import type { FunctionDeployment, IndexName } from '../../shared/runtime/deployment';
import { LOCAL_ONLY_PREFIX } from '../../shared/runtime/table';
import { matchesPattern } from '../support/iam-policy';

const ROOT = join(__dirname, '..', '..');
const FOLDERS: Record<FunctionName, string> = {
  identity: 'identity',
  suggestionBox: 'suggestion-box',
  dues: 'dues',
  signup: 'signup',
  feedback: 'feedback',
  coursePush: 'course-push',
  assistant: 'assistant',
  orgLife: 'org-life',
  assessment: 'assessment',
  membership: 'membership',
};
type Where = 'table' | IndexName | 'any';
interface KeyUse {
  where: Where;
  /** The value, or its constant start when the rest is computed (`DUES#MEMBER#` of `DUES#MEMBER#${id}`). */
  value: string;
  complete: boolean;
  /**
   * False for an item's index attributes (`gsi1pk`, `gsi2pk`): writing them needs no index permission, so they
   * need no grant, but they show which index partitions the function's items fill (an index grant's use).
   */
  required: boolean;
  from: string;
}

async function sourceFiles(folder: string): Promise<string[]> {
  const result = await build({
    entryPoints: [join(ROOT, 'functions', folder, 'handler.ts')],
    bundle: true,
    platform: 'node',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['@aws-sdk/*', '@node-rs/*'],
  });
  return Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules') && path.endsWith('.ts'));
}

const isKeyModule = (path: string) => path.endsWith('/keys.ts') || path === 'shared/runtime/table.ts';
const LITERAL = /[`']([^`'$]*)(\$\{|[`'])/g;

/**
 * Literal keys outside the key modules: `pk: 'X'` (an item's key, or the partition a query helper reads),
 * `':pk': a ? 'X' : \`Y#${…}\`` (a key condition's values), `const SOME_PK = 'X'`; and an item's `gsi1pk`/`gsi2pk`.
 */
function literalUses(path: string, text: string): KeyUse[] {
  const uses: KeyUse[] = [];
  const patterns: Array<[RegExp, Where, boolean]> = [
    [/\bpk\s*:\s*([^,}\n]*)/g, 'any', true],
    [/':[A-Za-z]*pk'\s*:\s*([^,}\n]*)/g, 'any', true],
    [/\b[A-Z_]+_PK\s*=\s*([^;\n]*)/g, 'any', true],
    [/\bgsi1pk\s*:\s*([^,}\n]*)/g, 'gsi1', false],
    [/\bgsi2pk\s*:\s*([^,}\n]*)/g, 'gsi2', false],
  ];
  for (const [pattern, where, required] of patterns) {
    for (const [, expression] of text.matchAll(pattern)) {
      for (const literal of expression!.matchAll(LITERAL)) {
        if (/^[A-Z]/.test(literal[1]!)) uses.push({ where, value: literal[1]!, complete: literal[2] !== '${', required, from: path });
      }
    }
  }
  return uses;
}

/** An argument that reads as `x` in any string and has any property: enough to call a key builder. */
const anything: unknown = new Proxy(() => undefined, {
  get: (_, property) => (property === Symbol.toPrimitive ? () => 'x' : anything),
});

/**
 * Values of key builders: an item's table key (`pk`), or a partition value to query from a builder named
 * `…Partition`/`…Index` (or `comments`). Other string helpers build sort keys (seqKey, waitTicket).
 */
function builderValues(name: string, value: unknown, partitionNamed: boolean): Array<{ where: Where; value: string; required: boolean }> {
  const produced = typeof value === 'function' ? (value as (...args: unknown[]) => unknown)(anything, anything, anything, anything) : value;
  // A sharded partition's builder (`…Partitions`) answers every partition a reader gathers.
  if (typeof value === 'function' && Array.isArray(produced) && /partitions$/i.test(name)) {
    return produced.filter((partition): partition is string => typeof partition === 'string').map((partition) => ({ where: 'any' as const, value: partition, required: true }));
  }
  if (typeof produced === 'string') return partitionNamed || /partition|index|^comments$/i.test(name) ? [{ where: 'any', value: produced, required: true }] : [];
  if (!produced || typeof produced !== 'object') return [];
  const item = produced as Record<string, unknown>;
  return (['pk', 'gsi1pk', 'gsi2pk'] as const).flatMap((attribute) => {
    const key = item[attribute];
    if (typeof key !== 'string') return [];
    return [attribute === 'pk' ? { where: 'table' as const, value: key, required: true } : { where: attribute === 'gsi1pk' ? ('gsi1' as const) : ('gsi2' as const), value: key, required: false }];
  });
}

/** Key builders of the key modules the function imports, wherever its other files name them. */
function builderUses(files: string[], texts: Map<string, string>): KeyUse[] {
  const uses: KeyUse[] = [];
  const users = files.filter((path) => !isKeyModule(path));
  for (const module of files.filter(isKeyModule)) {
    const exported = require(join(ROOT, module)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      for (const user of users) {
        const text = texts.get(user)!;
        if (!new RegExp(`\\b${name}\\b`).test(text)) continue;
        const isBuilderObject = value !== null && typeof value === 'object' && !Array.isArray(value) && !('table' in value);
        const entries = isBuilderObject ? Object.entries(value as Record<string, unknown>).filter(([prop]) => new RegExp(`\\b${name}\\.${prop}\\b`).test(text)) : [[name, value] as const];
        for (const [prop, builder] of entries) {
          for (const found of builderValues(prop, builder, /Index$/.test(name))) uses.push({ ...found, complete: true, from: `${user} → ${module} ${name}${isBuilderObject ? `.${prop}` : ''}` });
        }
      }
    }
  }
  return uses;
}

function granted(deployment: FunctionDeployment, where: Where): string[] {
  const table = deployment.table.flatMap((grant) => grant.table);
  const index = (name: IndexName) => deployment.table.flatMap((grant) => grant.indexes?.[name] ?? []);
  if (where === 'table') return table;
  if (where === 'any') return [...table, ...index('gsi1'), ...index('gsi2')];
  return index(where);
}

/** A complete value must match the pattern; a computed one must start within a `PREFIX*` pattern. */
const covers = (pattern: string, use: KeyUse) =>
  use.complete ? matchesPattern(pattern, use.value) : pattern.endsWith('*') && use.value.startsWith(pattern.slice(0, -1));

describe('IAM leading keys cover what each function’s code touches', () => {
  const cases = Object.entries(FOLDERS) as Array<[FunctionName, string]>;

  it.each(cases)('%s: every key its code builds is granted, and every grant is used', async (_fn, folder) => {
    const { deployment } = require(join(ROOT, 'functions', folder, 'deployment.ts')) as { deployment: FunctionDeployment };
    const files = (await sourceFiles(folder)).map((path) => relative(ROOT, join(ROOT, path)));
    const texts = new Map(files.map((path) => [path, readFileSync(join(ROOT, path), 'utf8')]));
    const uses = [
      ...files.filter((path) => !isKeyModule(path)).flatMap((path) => literalUses(path, texts.get(path)!)),
      ...builderUses(files, texts),
    ].filter((use) => use.value !== '' && !use.value.startsWith(LOCAL_ONLY_PREFIX));
    expect(uses.length).toBeGreaterThan(0);

    const uncovered = uses.filter((use) => use.required && !granted(deployment, use.where).some((pattern) => covers(pattern, use)));
    expect(uncovered.map((use) => `${use.where} ${use.value}${use.complete ? '' : '…'} (${use.from})`)).toEqual([]);

    const grants = (['table', 'gsi1', 'gsi2'] as const).flatMap((where) => granted(deployment, where).map((pattern) => ({ where, pattern })));
    const unused = grants.filter(({ where, pattern }) => !uses.some((use) => (use.where === where || use.where === 'any') && covers(pattern, use)));
    expect(unused.map(({ where, pattern }) => `${where} ${pattern}`)).toEqual([]);
  });
});
