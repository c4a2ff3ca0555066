/**
 * Which built weapp file counts toward which package, and the budgets they must keep. Pure: `npm run size`
 * feeds it the files of `miniapp/dist/weapp`; the unit test feeds it made-up trees.
 */

export const KB = 1024;
export const MB = 1024 * KB;

/** Our own budget for the main package: half of WeChat's, so the first screen stays fast on a weak signal. */
export const MAIN_BUDGET = 1 * MB;
/** WeChat's limits: each package (main or sub) 2 MB, all packages together 20 MB. */
export const WECHAT_PACKAGE_LIMIT = 2 * MB;
export const WECHAT_TOTAL_LIMIT = 20 * MB;

export interface BuiltFile {
  /** Relative to the build's root, with `/` separators. */
  path: string;
  bytes: number;
}

export interface PackageSize {
  /** `main`, or a sub-package's root as app.json names it. */
  name: string;
  bytes: number;
}

export interface SizeReport {
  main: PackageSize;
  subs: PackageSize[];
  totalBytes: number;
}

/**
 * Files the developer tools do not upload: the project settings of the tools themselves, source maps and the
 * licence notes the minifier writes beside bundles.
 */
const NOT_UPLOADED = [/^project(\.private)?\.config\.json$/, /\.map$/, /\.LICENSE\.txt$/];

export function isUploaded(path: string): boolean {
  return !NOT_UPLOADED.some((pattern) => pattern.test(path));
}

function normaliseRoot(root: string): string {
  return root.replace(/^\/+|\/+$/g, '');
}

/**
 * The package a file belongs to: a sub-package owns everything under its root folder (a whole path segment,
 * so `dues` does not own `dues-extra/…`); everything else, shared chunks at the top included, is main.
 */
export function packageOf(path: string, subRoots: readonly string[]): string {
  const owner = subRoots.map(normaliseRoot).find((root) => path.startsWith(`${root}/`));
  return owner ?? 'main';
}

export function accountSizes(files: readonly BuiltFile[], subRoots: readonly string[]): SizeReport {
  const roots = subRoots.map(normaliseRoot);
  const bytes = new Map<string, number>([['main', 0], ...roots.map((root): [string, number] => [root, 0])]);
  for (const file of files) {
    if (!isUploaded(file.path)) continue;
    const name = packageOf(file.path, roots);
    bytes.set(name, (bytes.get(name) ?? 0) + file.bytes);
  }
  const subs = roots.map((root) => ({ name: root, bytes: bytes.get(root) ?? 0 }));
  const main = { name: 'main', bytes: bytes.get('main') ?? 0 };
  return { main, subs, totalBytes: main.bytes + subs.reduce((sum, sub) => sum + sub.bytes, 0) };
}

const kb = (bytes: number) => `${Math.round(bytes / KB)} KB`;

export function formatReport(report: SizeReport): string[] {
  return [`main: ${kb(report.main.bytes)}`, ...report.subs.map((sub) => `sub ${sub.name}: ${kb(sub.bytes)}`), `total: ${kb(report.totalBytes)}`];
}

/** Every budget the build breaks, one line each; empty when it keeps them all. */
export function budgetFailures(report: SizeReport): string[] {
  const failures: string[] = [];
  if (report.main.bytes > MAIN_BUDGET) failures.push(`main package ${kb(report.main.bytes)} exceeds the budget of ${kb(MAIN_BUDGET)}`);
  for (const pkg of [report.main, ...report.subs]) {
    if (pkg.bytes > WECHAT_PACKAGE_LIMIT) failures.push(`${pkg.name} ${kb(pkg.bytes)} exceeds WeChat's package limit of ${kb(WECHAT_PACKAGE_LIMIT)}`);
  }
  if (report.totalBytes > WECHAT_TOTAL_LIMIT) failures.push(`all packages ${kb(report.totalBytes)} exceed WeChat's total limit of ${kb(WECHAT_TOTAL_LIMIT)}`);
  return failures;
}
