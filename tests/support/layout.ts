import type { Page } from 'playwright-core';
import { screenshot } from './browser';

/**
 * Checks of what a member sees on a phone, usable from any browser test: nothing runs off the right edge, and
 * no character is drawn as a "tofu" box because no installed font has it.
 */

/** Visible elements that reach past the viewport's right edge (scrolled to or cut off), and a page that scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    if (scrollWidth > width) problems.push(`the page scrolls sideways: ${scrollWidth}px wide in a ${width}px viewport`);
    const describe = (element: Element) => {
      const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      return `<${element.tagName.toLowerCase()}${classes}> "${(element.textContent ?? '').trim().slice(0, 30)}"`;
    };
    // Past the edge is a fault whether the page then scrolls sideways or clips it (Taro's page containers clip:
    // the member just sees it cut off). Only a row built to be swiped, marked `data-scrolls-sideways`, may.
    const inSwipeRow = (element: Element) => element.closest('[data-scrolls-sideways]') !== null;
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 0.5) continue;
      if (!inSwipeRow(element)) problems.push(`${describe(element)} ends at ${Math.round(box.right)}px, past the ${width}px edge`);
    }
    return problems;
  });
}

/**
 * Characters on screen that no installed font has. Chromium draws such a character as the `.notdef` box of the
 * first font in the stack, the same box for every missing character; so each visible character is drawn on a
 * canvas in its element's font and compared, pixel by pixel, with a code point no font has (U+10FFFD,
 * supplementary private use). Text in inputs (value and placeholder) counts too.
 */
export async function missingGlyphs(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 96;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    const drawn = (font: string, character: string) => {
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.font = font;
      context.textBaseline = 'top';
      context.fillText(character, 8, 8);
      return `${context.measureText(character).width}|${context.getImageData(0, 0, canvas.width, canvas.height).data.join(',')}`;
    };
    const notdef = new Map<string, string>();
    const missing = new Map<string, string>();
    const checked = new Set<string>();
    const check = (element: Element, text: string) => {
      const style = getComputedStyle(element);
      // A fixed size keeps the comparison cheap and inside the canvas; the glyph chosen does not depend on size.
      const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
      if (!notdef.has(font)) notdef.set(font, drawn(font, '\u{10FFFD}'));
      for (const character of new Set(Array.from(text))) {
        // Spaces, controls and joiners draw nothing by design.
        if (/[\p{White_Space}\p{Cc}\p{Cf}\p{Mn}]/u.test(character) || checked.has(`${font}|${character}`)) continue;
        checked.add(`${font}|${character}`);
        if (drawn(font, character) === notdef.get(font)) {
          const codePoint = `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
          missing.set(codePoint, `${codePoint} in "${text.trim().slice(0, 30)}"`);
        }
      }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && node.textContent?.trim() && parent.checkVisibility({ visibilityProperty: true })) check(parent, node.textContent);
    }
    for (const input of Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))) {
      if (input.checkVisibility({ visibilityProperty: true })) check(input, `${input.value}${input.placeholder}`);
    }
    return Array.from(missing.values());
  });
}

/** Saves a screenshot of the page as it is and fails, naming what is wrong, when it overflows or shows tofu. */
export async function expectReadablePage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const problems = [...(await horizontalOverflow(page)), ...(await missingGlyphs(page))];
  expect({ page: name, problems }).toEqual({ page: name, problems: [] });
}
