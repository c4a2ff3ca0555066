// `require`, not `import`: the bundler then takes pdfkit's CommonJS build; its ES build locates a data file through
// import.meta.url, which a CommonJS Lambda bundle does not have.
import PDFDocument = require('pdfkit');
import { readDataFile } from '../runtime/data-file';

/**
 * Printable records (会议记录, 介绍信, assessment reports) are PDFs in Chinese. pdfkit embeds only the glyphs a
 * document uses, so the whole Noto Sans SC (OFL, from npm) is read once per Lambda copy and each PDF stays small.
 * A function that renders PDFs lists PDF_DATA_FILES in its deployment.ts `dataFiles`.
 */
export const CHINESE_FONT_FILE = 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf';
export const PDF_DATA_FILES = [CHINESE_FONT_FILE];

let chineseFont: Buffer | undefined;
function loadChineseFont(): Buffer {
  chineseFont ??= readDataFile(CHINESE_FONT_FILE);
  return chineseFont;
}

export interface PdfOptions {
  title: string;
  /** Who or what produced it, shown in the PDF's properties (e.g. the branch's name). */
  author?: string;
  size?: 'A4' | 'A5';
  layout?: 'portrait' | 'landscape';
  /** Fixed creation time, so the same record renders to the same bytes (tests, re-downloads). */
  createdAt?: Date;
}

export type PdfDocument = PDFKit.PDFDocument;

/**
 * Renders one PDF: `draw` writes the content with the Chinese font already selected. The font is the document's
 * default, so pdfkit never loads its built-in Helvetica metrics (which are not in a bundled function's zip).
 */
export async function renderPdf(options: PdfOptions, draw: (doc: PdfDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    layout: options.layout ?? 'portrait',
    margin: 56,
    font: loadChineseFont() as unknown as string,
    info: { Title: options.title, Author: options.author ?? '', CreationDate: options.createdAt ?? new Date() },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** A heading, then label：value lines; the common shape of a record's header block. */
export function writeFields(doc: PdfDocument, fields: ReadonlyArray<readonly [label: string, value: string]>): void {
  for (const [label, value] of fields) doc.fontSize(11).text(`${label}：${value}`);
}

/**
 * A simple table with wrapped cells: widths are fractions of the text width. Rows that would cross the page's
 * bottom margin start a new page and repeat the header, so a long attendance list stays readable when printed.
 */
export function writeTable(
  doc: PdfDocument,
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  widths: readonly number[] = header.map(() => 1 / header.length),
): void {
  const left = doc.page.margins.left;
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const columnWidths = widths.map((w) => w * usable);
  const drawRow = (cells: readonly string[], bold: boolean): void => {
    doc.fontSize(bold ? 10.5 : 10);
    const columns = cells.map((cell, i) => ({ cell, width: columnWidths[i] ?? 0 }));
    const height = Math.max(...columns.map(({ cell, width }) => doc.heightOfString(cell, { width: width - 6 }))) + 6;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      if (!bold) drawRow(header, true);
    }
    const top = doc.y;
    let x = left;
    for (const { cell, width } of columns) {
      doc.rect(x, top, width, height).stroke('#999999');
      doc.fillColor('#000000').text(cell, x + 3, top + 3, { width: width - 6 });
      x += width;
    }
    doc.x = left;
    doc.y = top + height;
  };
  drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.5);
}
