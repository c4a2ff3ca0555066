import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvCell, csvFilename, toCsv } from '../../shared/runtime/csv-export';

describe('attendance CSV', () => {
  it('reads back exactly what was written, whatever the text (quotes, commas, line breaks, Chinese)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s)), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0]!.length;
        const square = rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
        const csv = toCsv(square);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        expect(parse(csv.slice(1), { relax_quotes: false })).toEqual(square);
      }),
    );
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('王长林')).toBe('王长林');
  });

  it('names files without characters file systems refuse', () => {
    expect(csvFilename('义务植树: 12/林班', '出勤')).toBe('义务植树_12_林班-出勤.csv');
  });
});
