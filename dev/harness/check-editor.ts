/**
 * Drives dev/harness/editor.html in headless Chromium against a Vite dev server it starts itself
 * (and stops by PID): schema IntelliSense, colouring, Shift+Enter / Ctrl+Shift+Enter, markers,
 * insertAtCursor and the accessible name. Run: `npx tsx dev/harness/check-editor.ts`
 * (HARNESS_PORT, default 5180; SCREENSHOT, default /tmp/editor.png).
 * Against the production bundle instead of the dev server:
 *   KQL_EDITOR_HARNESS=1 npx vite build --outDir /tmp/kql-harness && HARNESS_DIST=/tmp/kql-harness npx tsx dev/harness/check-editor.ts
 */
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';
import { startViteServer } from './vite-server';

const PORT = Number(process.env['HARNESS_PORT'] ?? 5180);
const SCREENSHOT = process.env['SCREENSHOT'] ?? '/tmp/editor.png';
const DIST = process.env['HARNESS_DIST'];

// Colours of a keyword, a table, a column and an operator once monaco-kusto has classified them
// (its ColorizationAdapter decorates after a 500 ms debounce).
const COLOURS_IN_PAGE = `(() => {
  const spans = [...document.querySelectorAll('.view-lines span span')];
  const colourOf = (text) => {
    const span = spans.find((s) => s.textContent === text);
    return span ? getComputedStyle(span).color : null;
  };
  const where = colourOf('where'), table = colourOf('StormEvents'), column = colourOf('State'), plain = colourOf('==');
  return where && table && column && where !== table && where !== plain ? { where, table, column, plain } : null;
})()`;

const results: { check: string; ok: boolean; detail: string }[] = [];
function record(check: string, ok: boolean, detail = ''): void {
  results.push({ check, ok, detail });
  console.log(`${ok ? 'PASS' : 'FAIL'} ${check}${detail ? ` — ${detail}` : ''}`);
}

async function textOf(page: Page, label: string): Promise<string> {
  return (await page.getByLabel(label, { exact: true }).textContent()) ?? '';
}

async function waitForText(page: Page, label: string, expected: string, timeout = 10_000): Promise<boolean> {
  try {
    await page.waitForFunction(
      ([l, e]) => document.querySelector(`[aria-label="${l}"]`)?.textContent === e,
      [label, expected] as const,
      { timeout },
    );
    return true;
  } catch {
    return false;
  }
}

/** The reliable way to replace monaco's text from a test: `fill` does not work on its textarea. */
async function setQuery(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Query' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

async function main(): Promise<void> {
  const { origin, stop } = await startViteServer({ port: PORT, previewDir: DIST });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    const started = Date.now();
    await page.goto(`${origin}/dev/harness/editor.html`);
    const query = page.getByRole('textbox', { name: 'Query' });
    await query.waitFor({ state: 'attached', timeout: 60_000 });
    record('accessible name "Query" resolves to the editor textbox', (await query.count()) === 1);
    await page.locator('[data-schema-state="loaded"]').waitFor({ timeout: 60_000 });
    const timings = await textOf(page, 'Timings');
    record('schema loaded into the kusto worker', true, `page timings ${timings}, wall ${Date.now() - started} ms from goto`);

    await query.focus();
    await page.keyboard.type('StormEvents | where ');
    const state = page.getByRole('option', { name: /^State\b/ });
    let completes = true;
    try {
      await state.first().waitFor({ timeout: 15_000 });
    } catch {
      completes = false;
    }
    const options = await page.getByRole('option').allTextContents();
    record('completion after "StormEvents | where " offers State', completes, options.slice(0, 8).join(' · '));

    // Shift+Enter with the suggest widget open must run, not accept a suggestion.
    await page.keyboard.press('Shift+Enter');
    record(
      'Shift+Enter with suggestions open runs the statement',
      await waitForText(page, 'Last run', 'StormEvents | where'),
      JSON.stringify(await textOf(page, 'Last run')),
    );
    record('suggest widget closed by Shift+Enter', (await page.getByRole('option').count()) === 0);

    await setQuery(page, 'StormEvents\n| where State == "TEXAS" and DamageProperty > 0\n| take 10');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Show marker' }).click();
    // Semantic tokens arrive after an edit is debounced; wait until the keyword has its own colour.
    // A string, not a function: tsx compiles functions with a `__name` helper the page lacks.
    const coloured = await page
      .waitForFunction(COLOURS_IN_PAGE, undefined, { timeout: 15_000 })
      .then((handle) => handle.jsonValue())
      .catch(() => null);
    record(
      'keywords, tables and columns are coloured',
      coloured !== null,
      coloured ? JSON.stringify(coloured) : await page.locator('.view-line').first().innerHTML(),
    );
    const squiggle = await page
      .locator('.kql-service-error')
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    record('service marker is drawn', squiggle);
    await page.screenshot({ path: SCREENSHOT });

    const two = 'StormEvents | count\n\nStormEvents\n| where State == "TEXAS"\n| take 5';
    await setQuery(page, two);
    record('insertText sets the text exactly', await waitForText(page, 'Editor value', two), JSON.stringify(await textOf(page, 'Editor value')));
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Shift+Enter');
    record(
      'Shift+Enter in the second statement runs only it',
      await waitForText(page, 'Last run', 'StormEvents\n| where State == "TEXAS"\n| take 5'),
      JSON.stringify(await textOf(page, 'Last run')),
    );
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('Shift+Enter');
    record('Shift+Enter in the first statement runs only it', await waitForText(page, 'Last run', 'StormEvents | count'));
    await page.keyboard.press('ControlOrMeta+Shift+Enter');
    record('Ctrl+Shift+Enter cancels', await waitForText(page, 'Cancel count', '1'));
    record('Shift+Enter leaves the text unchanged', (await textOf(page, 'Editor value')) === two);

    await setQuery(page, 'T\n\n');
    await page.getByRole('button', { name: 'Insert StormEvents' }).click();
    record('insertAtCursor inserts at the caret', await waitForText(page, 'Editor value', 'T\n\nStormEvents'));

    record('no page errors', errors.length === 0, errors.slice(0, 3).join(' | '));
  } finally {
    await browser.close();
    stop();
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed}/${results.length} checks passed; screenshot ${SCREENSHOT}`);
  process.exitCode = failed === 0 ? 0 : 1;
}

await main();
