import type { ToggleState } from '../../shared/api';

jest.mock('@shared/api', () => jest.requireActual('../../shared/api'), { virtual: true });
jest.mock('@shared/toggles/evaluate', () => jest.requireActual('../../shared/toggles/evaluate'), { virtual: true });

import { NOTE_REQUIRED, PERCENT_INVALID, SWITCH_OPTIONS, formProblem, memberChoiceNote, switchOf, toggleHeadline, withSwitch } from '../../miniapp/src/feedback/toggle-form';
import { actionText, changeText, toggleStatus } from '../../miniapp/src/feedback/labels';

const everyone = { branches: [], categories: [], roles: [], excludedBranches: [], excludedCategories: [] };
const toggle = (overrides: Partial<ToggleState> = {}): ToggleState => ({
  feature: 'dues',
  enabled: true,
  rolloutPercent: 100,
  targeting: everyone,
  killSwitch: false,
  version: 3,
  ...overrides,
});

describe('the toggle editor', () => {
  it('opens with the toggle’s current position chosen', () => {
    expect(switchOf(toggle())).toBe('on');
    expect(switchOf(toggle({ enabled: false }))).toBe('off');
    expect(switchOf(toggle({ killSwitch: true }))).toBe('paused');
    expect(SWITCH_OPTIONS.map((option) => option.label)).toEqual(['开启', '关闭', '紧急暂停']);
  });

  it('moves between positions, and lifting a pause brings back the chosen on/off', () => {
    expect(withSwitch(toggle(), 'off')).toMatchObject({ enabled: false, killSwitch: false });
    const paused = withSwitch(toggle(), 'paused');
    expect(paused).toMatchObject({ enabled: true, killSwitch: true });
    expect(withSwitch(paused, 'on')).toMatchObject({ enabled: true, killSwitch: false });
  });

  it('refuses an empty 调整说明 and an impossible 开放比例', () => {
    expect(formProblem({ percent: '100', note: '' })).toBe(NOTE_REQUIRED);
    expect(formProblem({ percent: '100', note: '   ' })).toBe(NOTE_REQUIRED);
    expect(formProblem({ percent: '120', note: '试点' })).toBe(PERCENT_INVALID);
    expect(formProblem({ percent: '-1', note: '试点' })).toBe(PERCENT_INVALID);
    expect(formProblem({ percent: '', note: '试点' })).toBe(PERCENT_INVALID);
    expect(formProblem({ percent: '30', note: '先在松岭林场试点' })).toBeNull();
  });

  it('says 开放比例, never 灰度', () => {
    const partly = toggle({ rolloutPercent: 30 });
    expect(toggleStatus(partly)).toBe('开放 30%');
    expect(changeText(toggle(), partly, (id) => id)).toBe('开放比例 100% → 30%');
    const texts = [toggleStatus(partly), changeText(toggle(), partly, (id) => id), NOTE_REQUIRED, PERCENT_INVALID, ...SWITCH_OPTIONS.map((o) => o.label)];
    texts.push(actionText({ type: 'step-up', percent: 50 }));
    for (const text of texts) expect(text).not.toMatch(/灰度/);
  });

  it('shows 大字模式 as it is: not "已关闭" while members choose it themselves, and how it is on this phone', () => {
    const largeText = toggle({ feature: 'ui.large-text', enabled: false });
    expect(toggleHeadline(largeText)).toBe('未统一开启（党员可自选）');
    expect(memberChoiceNote(largeText, true)).toMatch(/本机当前已开启/);
    expect(memberChoiceNote(largeText, false)).toMatch(/本机当前未开启/);
    expect(toggleHeadline(toggle({ feature: 'ui.large-text', enabled: true }))).toBe('全部开放');
    expect(toggleHeadline(toggle({ enabled: false }))).toBe('已关闭');
    expect(memberChoiceNote(toggle(), true)).toBeNull();
  });
});
