jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });

import { scatterChart, segments, trendChart } from '../../miniapp/src/assessment/services/charts';
import { currentQuarter, quarterEnd } from '../../miniapp/src/assessment/services/labels';

const svgOf = (uri: string) => decodeURIComponent(uri.slice(uri.indexOf(',') + 1));

describe('the committee’s charts', () => {
  it('breaks a trend line where a period has no index instead of drawing it at zero', () => {
    expect(segments([40, undefined, 60, 70])).toEqual([[{ index: 0, value: 40 }], [{ index: 2, value: 60 }, { index: 3, value: 70 }]]);
    const svg = svgOf(
      trendChart([
        { period: '2026-Q1', party: 40, partyCoverage: 0.5, businessCoverage: 0 },
        { period: '2026-Q2', party: 60, business: 80, partyCoverage: 1, businessCoverage: 1 },
      ]),
    );
    // One party line of two points; business has a single dot and no line into a zero.
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).not.toMatch(/points="[^"]*,190\.0/);
    expect(svg.match(/<circle/g)).toHaveLength(3);
  });

  it('places each unit with both indices in the scatter, party across and business up', () => {
    const svg = svgOf(scatterChart([{ name: '松岭', party: 50, business: 100 }, { name: '新林', party: 70 }]));
    expect(svg.match(/<circle/g)).toHaveLength(1);
    // x = 34 + 294 × 0.5; y = top of the plot for 100.
    expect(svg).toContain('cx="181.0" cy="14.0"');
  });
});

describe('the survey page’s period', () => {
  it('ends a quarter at Beijing midnight', () => {
    expect(quarterEnd('2026-Q4')).toBe('2026-12-31T16:00:00.000Z');
    expect(currentQuarter(new Date('2026-12-31T16:30:00Z'))).toBe('2027-Q1');
  });
});
