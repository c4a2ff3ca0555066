/**
 * CSV for spreadsheets: a UTF-8 byte-order mark (Excel on Windows otherwise garbles Chinese), CRLF rows,
 * RFC 4180 quoting, and cells that a spreadsheet would run as a formula defused with a leading apostrophe.
 */
export type Cell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A file name without characters that file systems refuse. */
export function csvFilename(...parts: string[]): string {
  return `${parts.join('-').replace(/[\\/:*?"<>|\s]+/g, '_')}.csv`;
}
