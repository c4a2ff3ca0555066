/**
 * `npm run lock:complete` — after any `npm install` that changes dependencies.
 *
 * The npm registry mirror reachable here serves only this platform's prebuilt binaries, so npm writes no
 * lock entries for the other platforms' optional packages (@swc/core-darwin-arm64, …), and `npm ci` then
 * refuses the lock ("Missing: … from lock file"). This records each missing optional package with the
 * version its parent asks for and the os/cpu/libc its name states, exactly as npm records them where the
 * registry is complete; `npm ci` skips them on this platform, as it would anyway.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
  [key: string]: unknown;
}

const PLATFORM_PATTERN = /-(android|darwin|freebsd|linux|win32|openbsd|netbsd|sunos|aix|openharmony)-(arm64|arm|x64|ia32|ppc64|s390x|riscv64|loong64|mips64el|wasm32|universal)(?:-(gnueabihf|eabi|gnu|musl|msvc))?$|-(android|darwin|freebsd|linux|win32)-(arm-eabi|arm-gnueabihf|arm-musleabihf)$/;

function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | undefined {
  const match = PLATFORM_PATTERN.exec(name);
  if (!match) return undefined;
  const os = match[1] ?? match[4]!;
  const rawCpu = match[2] ?? 'arm';
  const cpu = rawCpu === 'universal' ? ['arm64', 'x64'] : [rawCpu];
  const abi = match[3] ?? match[5] ?? '';
  const libc = os === 'linux' ? (abi.includes('musl') ? ['musl'] : ['glibc']) : undefined;
  return { os: [os], cpu, ...(libc ? { libc } : {}) };
}

const lockPath = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> };
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const wanted = version.replace(/^[\^~=]/, '');
    const hoisted = `node_modules/${name}`;
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]?.version === wanted) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    // Where another version already sits at the top, this parent's copy goes beside the parent.
    lock.packages[lock.packages[hoisted] ? nested : hoisted] = { version: wanted, optional: true, ...platform };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`recorded ${added} optional platform package(s) missing from package-lock.json`);
