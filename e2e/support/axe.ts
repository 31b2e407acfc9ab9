import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

/**
 * axe-core injected into the page by hand: @axe-core/playwright wants Node >= 22.12 and the
 * machines run Node 20. The rules are axe's WCAG 2.0/2.1 A and AA set
 * (https://github.com/dequelabs/axe-core/blob/develop/doc/API.md#options-parameter).
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Third-party internals that are not the app's to fix: monaco's editor DOM, and Glide's canvas
 * with its fallback content. The app's own accessible grid beside the canvas is checked.
 */
const EXCLUDED = ['.monaco-editor', '[data-testid="data-grid-canvas"]'];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeResultsLike {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated rather than added as a <script> tag: the page's Content-Security-Policy would block an inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    ([tags, exclude]) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe;
      return axe.run({ exclude: exclude.map((selector) => [selector]) }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    },
    [WCAG_21_AA, EXCLUDED] as const,
  ) as AxeResultsLike;
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
}
