import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** A PDF's text as a reader's copy-paste would give it, one string per page: proves the Chinese is real text. */
export function pdfPages(pdf: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(__dirname, 'pdf-text-cli.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`reading the PDF failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as string[]);
    });
    child.stdin?.end(pdf);
  });
}
