import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postcss, { type Rule } from 'postcss';

const miniapp = join(__dirname, '..', '..', 'miniapp', 'src');

/** The font size (px) a stylesheet gives a class, in normal mode or under 大字模式's class. */
function fontSize(cssFile: string, className: string, largeText: boolean): number | undefined {
  const root = postcss.parse(readFileSync(join(miniapp, cssFile), 'utf8'));
  let size: number | undefined;
  root.walkRules((rule: Rule) => {
    const matches = rule.selectors.some((selector) => (largeText ? selector === `.fpp-large-text .${className}` : selector === `.${className}`));
    if (!matches) return;
    rule.walkDecls('font-size', (decl) => {
      size = Number.parseFloat(decl.value);
    });
  });
  return size;
}

describe('大字模式 on the dues bill', () => {
  it.each(['dues-explain', 'dues-amount', 'dues-tag'])('enlarges the bill’s %s line', (className) => {
    const normal = fontSize('dues/dues.css', className, false);
    const large = fontSize('dues/dues.css', className, true);
    expect(normal).toBeDefined();
    expect(large).toBeDefined();
    expect(large!).toBeGreaterThan(normal!);
  });

  it('sets the calculation lines at least as large as the page text in 大字模式', () => {
    const pageText = fontSize('app.css', 'page', true);
    expect(pageText).toBeDefined();
    expect(fontSize('dues/dues.css', 'dues-explain', true)!).toBeGreaterThanOrEqual(pageText!);
  });
});

describe('大字模式 on the assistant’s answers', () => {
  it.each(['assistant-answer__text', 'assistant-passage__text', 'assistant-passage__source', 'assistant-example'])('enlarges %s to at least the page text', (className) => {
    const normal = fontSize('assistant/assistant.css', className, false);
    const large = fontSize('assistant/assistant.css', className, true);
    expect(large!).toBeGreaterThan(normal!);
    expect(large!).toBeGreaterThanOrEqual(fontSize('app.css', 'page', true)! - 1);
  });
});
