/**
 * ARIA attributes for H5. Taro's component types omit `role` on most components, and
 * Taro H5 renders custom elements that carry no role of their own; spreading these keeps
 * buttons, links and headings recognisable to screen readers (and to browser tests).
 */
export type AriaRole = 'button' | 'link' | 'heading' | 'alert' | 'status';

export function aria(role: AriaRole, label?: string, extra: Record<string, string> = {}): Record<string, string> {
  const attributes: Record<string, string> = { role, ...extra };
  if (label) attributes['aria-label'] = label;
  return attributes;
}
