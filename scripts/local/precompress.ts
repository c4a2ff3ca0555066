import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|css|html|json|svg|txt)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

function isFresh(copy: string, sourceMtimeMs: number): boolean {
  try {
    return statSync(copy).mtimeMs >= sourceMtimeMs;
  } catch {
    return false;
  }
}

/**
 * Writes `.br` and `.gz` copies beside each text file of a static build (skipping those already up to date),
 * so the server sends a third of the bytes as a CDN would: on a slow link the bytes are the wait.
 * Brotli at quality 9: nearly the size of 11 at a fraction of the time on a small machine.
 */
export function precompress(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      precompress(path);
      continue;
    }
    if (!COMPRESSIBLE.test(entry.name)) continue;
    const { size, mtimeMs } = statSync(path);
    if (size < MIN_BYTES) continue;
    if (isFresh(`${path}.br`, mtimeMs) && isFresh(`${path}.gz`, mtimeMs)) continue;
    const content = readFileSync(path);
    writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: size } }));
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }));
  }
}
