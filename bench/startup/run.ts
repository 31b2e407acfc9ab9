/**
 * Startup figures for the walking skeleton: how long `npm start` takes to print its ready line,
 * and how long from the "Sign in" click to a rendered `StormEvents | count` in headless Chromium.
 * Absolute times on this machine, reported beside the stack's own parts for scale.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';
import { APP_URL, DEMO_USERS } from '../../dev/stack';
import { selectors as s } from '../../src/testing/selectors';

const user = DEMO_USERS[0]!;

async function startStack(): Promise<{ readyMs: number; stop: () => Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('KQL Workbench is ready')) resolve();
    });
  });
  const readyMs = performance.now() - t0;
  const stop = () =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { readyMs, stop };
}

async function signInToCount(): Promise<{ signInToCountMs: number; firstPaintMs: number }> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    const t0 = performance.now();
    await page.goto(APP_URL);
    const signInButton = page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true });
    await signInButton.waitFor();
    const firstPaintMs = performance.now() - t0;

    const t1 = performance.now();
    await signInButton.click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const editor = page.getByRole(s.editor.query.role, { name: s.editor.query.name });
    await editor.waitFor();
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('StormEvents | count');
    await page.getByRole(s.editor.run.role, { name: s.editor.run.name }).click();
    await page
      .getByRole(s.results.status.role, { name: s.results.status.name })
      .filter({ hasText: /^1 record$/ })
      .waitFor();
    return { signInToCountMs: performance.now() - t1, firstPaintMs };
  } finally {
    await browser.close();
  }
}

const stack = await startStack();
try {
  const { signInToCountMs, firstPaintMs } = await signInToCount();
  const rows = [
    ['npm start → ready line', stack.readyMs],
    ['first load → "Sign in" visible', firstPaintMs],
    ['"Sign in" click → StormEvents | count rendered', signInToCountMs],
  ] as const;
  for (const [name, ms] of rows) console.log(`${name.padEnd(48)} ${(ms / 1000).toFixed(2)} s`);
} finally {
  await stack.stop();
}
