import type { IndexPoint } from '@shared/api';

/**
 * The committee's two charts as small SVG documents, shown through an <Image> (the mini-program has no inline
 * SVG, and a chart library would weigh more than this whole sub-package): trend lines of the party-work and
 * business indices per period, and a scatter of one against the other per unit. A period without an index is a
 * gap in its line, never a point at zero.
 */

export const PARTY_COLOUR = '#b71c1c';
export const BUSINESS_COLOUR = '#1565c0';
const UNIT_COLOURS = ['#b71c1c', '#1565c0', '#2e7d32', '#6a1b9a', '#ef6c00', '#00838f'];

const WIDTH = 340;
const HEIGHT = 220;
const PAD = { left: 34, right: 12, top: 14, bottom: 30 };
const plotWidth = WIDTH - PAD.left - PAD.right;
const plotHeight = HEIGHT - PAD.top - PAD.bottom;
const y = (score: number) => PAD.top + plotHeight * (1 - score / 100);

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Grid, scale and labels; titles stay in the page's own text (an SVG image may lack the Chinese fonts). */
function frame(xLabels: Array<{ x: number; text: string }>): string {
  const grid = [0, 25, 50, 75, 100]
    .map((tick) => `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/><text x="${PAD.left - 4}" y="${y(tick) + 4}" font-size="10" text-anchor="end" fill="#666">${tick}</text>`)
    .join('');
  const labels = xLabels.map((label) => `<text x="${label.x}" y="${HEIGHT - 12}" font-size="10" text-anchor="middle" fill="#666">${escapeText(label.text)}</text>`).join('');
  return grid + labels;
}

/** Consecutive runs of defined points, so a missing period breaks the line. */
export function segments(values: ReadonlyArray<number | undefined>): Array<Array<{ index: number; value: number }>> {
  const runs: Array<Array<{ index: number; value: number }>> = [];
  let run: Array<{ index: number; value: number }> = [];
  values.forEach((value, index) => {
    if (value === undefined) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push({ index, value });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

function line(values: ReadonlyArray<number | undefined>, xOf: (index: number) => number, colour: string, dashed: boolean): string {
  return segments(values)
    .map((run) => {
      const points = run.map(({ index, value }) => `${xOf(index).toFixed(1)},${y(value).toFixed(1)}`);
      const dots = run.map(({ index, value }) => `<circle cx="${xOf(index).toFixed(1)}" cy="${y(value).toFixed(1)}" r="3" fill="${colour}"/>`).join('');
      return `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="5 3"' : ''}/>${dots}`;
    })
    .join('');
}

const svgDocument = (body: string) =>
  `data:image/svg+xml;charset=utf-8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}"><rect width="100%" height="100%" fill="#fff"/>${body}</svg>`)}`;

/** One unit's two indices over the periods: party solid red, business dashed blue. */
export function trendChart(points: readonly IndexPoint[]): string {
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const xOf = (index: number) => PAD.left + (points.length > 1 ? index * step : plotWidth / 2);
  const labels = points.map((point, index) => ({ x: xOf(index), text: point.period.slice(5) }));
  return svgDocument(
    frame(labels) +
      line(points.map((point) => point.party), xOf, PARTY_COLOUR, false) +
      line(points.map((point) => point.business), xOf, BUSINESS_COLOUR, true),
  );
}

/** Each unit's latest period with both indices: party index across, business index up. */
export function scatterChart(units: ReadonlyArray<{ name: string; party?: number; business?: number }>): string {
  const x = (score: number) => PAD.left + plotWidth * (score / 100);
  const ticks = [0, 25, 50, 75, 100].map((tick) => ({ x: x(tick), text: String(tick) }));
  const dots = units
    .map((unit, index) => ({ ...unit, colour: UNIT_COLOURS[index % UNIT_COLOURS.length]! }))
    .filter((unit) => unit.party !== undefined && unit.business !== undefined)
    .map((unit) => `<circle cx="${x(unit.party!).toFixed(1)}" cy="${y(unit.business!).toFixed(1)}" r="5" fill="${unit.colour}"/>`)
    .join('');
  return svgDocument(frame(ticks) + dots);
}

export const unitColour = (index: number) => UNIT_COLOURS[index % UNIT_COLOURS.length]!;
