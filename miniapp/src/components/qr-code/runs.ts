/// <reference path="./qrcode-core.d.ts" />
import type { QrMatrix } from 'qrcode/lib/core/qrcode';

export interface Run {
  start: number;
  length: number;
}

/** Each row of the matrix as its runs of dark cells: a few hundred views instead of thousands. */
export function darkRuns(matrix: QrMatrix): Run[][] {
  const rows: Run[][] = [];
  for (let row = 0; row < matrix.size; row += 1) {
    const runs: Run[] = [];
    let start = -1;
    for (let col = 0; col <= matrix.size; col += 1) {
      const dark = col < matrix.size && matrix.data[row * matrix.size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ start, length: col - start });
        start = -1;
      }
    }
    rows.push(runs);
  }
  return rows;
}
