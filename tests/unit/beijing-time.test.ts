// The app's modules import the contract through the mini-program's path alias.
jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });

import { shanghaiTime } from '../../miniapp/src/feedback/labels';
import { shanghaiDateTime } from '../../miniapp/src/suggestions/services/labels';
import { updatedAtText } from '../../miniapp/src/services/beijing-time';

describe('times a member reads, in Beijing time', () => {
  it('moves a late-evening UTC instant to the next morning in Beijing', () => {
    expect(shanghaiDateTime('2026-12-31T17:05:00Z')).toBe('2027-01-01 01:05');
    expect(shanghaiTime('2026-12-31T17:05:00Z')).toBe('01-01 01:05');
  });

  it('says when an offline copy was fetched', () => {
    expect(updatedAtText(Date.parse('2026-11-24T09:30:00Z'))).toBe('更新于 11月24日 17:30');
  });
});
