import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Reads a data file shipped beside the code (the moderation lexicon, jieba's dictionary), by its path from the
 * project root. Bundled functions carry such files as files, not as code: a function lists the ones it reads in
 * its deployment.ts (`dataFiles`) and serverless.ts puts them in its zip at the same path. So the root is the
 * nearest folder above this code that holds the path: the checkout when run from source (tests, tsx), the task
 * root in a Lambda zip (the bundle is `functions/<name>/handler.js`).
 */
export function readDataFile(path: string): Buffer {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, path);
    if (existsSync(candidate)) return readFileSync(candidate);
    if (dirname(dir) === dir) break;
  }
  throw new Error(`data file ${path} is missing (is it in the function's deployment.ts dataFiles?)`);
}
