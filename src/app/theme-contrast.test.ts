import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The theme's colour pairs against WCAG 2.1 AA: text 4.5:1 (1.4.3), focus rings and other
 * non-text indicators 3:1 (1.4.11). Relative luminance and contrast ratio as defined in WCAG 2.1
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
 */
// Vitest runs from the repository root.
const css = readFileSync(join(process.cwd(), 'src/app/styles.css'), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(Array.from(body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi), (m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const light = block(':root');
const themes = { light, dark: { ...light, ...block(":root[data-theme='dark']") } };

describe.each(Object.entries(themes))('the %s theme', (_name, t) => {
  it.each(['bg', 'panel', 'panel-alt'])('text and muted text read at 4.5:1 on --%s', (surface) => {
    expect(contrast(t['fg']!, t[surface]!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['muted']!, t[surface]!)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(['bg', 'panel', 'panel-alt', 'selected'])('the focus ring (--accent) stands out at 3:1 on --%s', (surface) => {
    expect(contrast(t['accent']!, t[surface]!)).toBeGreaterThanOrEqual(3);
  });

  it('the primary button reads at 4.5:1, and errors and warnings on their boxes too', () => {
    expect(contrast(t['accent-fg']!, t['accent']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['error-fg']!, t['error-bg']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(t['warn-fg']!, t['warn-bg']!)).toBeGreaterThanOrEqual(4.5);
  });
});
