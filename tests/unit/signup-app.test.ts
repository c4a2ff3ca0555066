import fc from 'fast-check';
import { create } from 'qrcode/lib/core/qrcode';
import { darkRuns } from '../../miniapp/src/components/qr-code/runs';
import { dayAndTime, fromFormParts, timeRange, toFormParts } from '../../miniapp/src/signup/services/time';

describe('the QR code drawn with views', () => {
  it('covers exactly the dark cells of the encoded token, row by row', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJ3Ijo1OTI0NjQwMCwic3ViIjoiYTFiMmMzZDRlNWY2YTdiOGM5ZDAiLCJhdWQiOiJjaGVja2luIiwiZXhwIjoxNzc3NjIwMDE1fQ.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const { modules } = create(token, { errorCorrectionLevel: 'M' });
    const rows = darkRuns(modules);
    expect(rows).toHaveLength(modules.size);
    rows.forEach((runs, row) => {
      const drawn = new Array<number>(modules.size).fill(0);
      for (const run of runs) for (let col = run.start; col < run.start + run.length; col += 1) drawn[col] = 1;
      expect(drawn).toEqual(Array.from(modules.data.slice(row * modules.size, (row + 1) * modules.size)));
    });
    // Far fewer views than cells: what keeps the page light on an old phone.
    expect(rows.flat().length).toBeLessThan((modules.size * modules.size) / 3);
  });
});

describe('Beijing time in the app', () => {
  it('shows UTC instants in Beijing time', () => {
    expect(dayAndTime('2026-05-01T01:30:00.000Z')).toBe('5月1日（周五）09:30');
    expect(timeRange('2026-05-01T01:30:00.000Z', '2026-05-01T03:00:00.000Z')).toBe('5月1日（周五）09:30–11:00');
    expect(timeRange('2026-05-01T15:30:00.000Z', '2026-05-02T03:00:00.000Z')).toBe('5月1日（周五）23:30 至 5月2日（周六）11:00');
  });

  it('turns the form\'s date and time back into the same instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2040-01-01') }), (ms) => {
        const minute = new Date(ms - (ms % 60_000)).toISOString();
        const parts = toFormParts(minute);
        expect(fromFormParts(parts.date, parts.time)).toBe(minute);
      }),
    );
  });
});
