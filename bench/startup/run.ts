/**
 * Startup figures: how long `npm start` takes to print its ready line, and how long from the
 * "Sign in" click to a rendered `StormEvents | count` in headless Chromium — on the dev server
 * (`npm start`, what a developer gets) and on the production build (`vite build`, then
 * `npm start -- --preview`, what users get), side by side in one run. Beside each, where the
 * time went: the milestones of the path from the click (the provider's pages, back on the app,
 * config.json, the token, the query's answer, the result on screen).
 *
 * First, a fresh clone's dev server: with Vite's dependency cache deleted, sign in, run a chart
 * query (grid, decode worker, echarts), wait for schema IntelliSense (the kusto language worker)
 * and for the network to go quiet; the dev server must not have reloaded the page. The bench
 * fails if it did.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';
import { APP_URL, DEMO_USERS, IDENTITY_URL } from '../../dev/stack';
import { selectors as s } from '../../src/testing/selectors';
import { appLink } from '../../e2e/support/links';

const user = DEMO_USERS[0]!;

async function startStack(args: readonly string[] = []): Promise<{ readyMs: number; stop: () => Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/start.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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

/** Milestones after the click, in ms: the first time each was seen. */
type Milestones = Map<string, number>;

/** What happens on the way to the first result, from the page's own network and navigation events. */
function watchMilestones(page: Page, since: () => number | null): Milestones {
  const seen: Milestones = new Map();
  const mark = (name: string) => {
    const t1 = since();
    if (t1 !== null && !seen.has(name)) seen.set(name, performance.now() - t1);
  };
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    if (frame.url().startsWith(IDENTITY_URL)) mark('on the provider\'s sign-in page');
    else if (frame.url().includes('code=')) mark('back on the app with the code');
  });
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('/config.json')) mark('config.json answered');
    else if (url.origin === IDENTITY_URL && url.pathname.endsWith('/token')) mark('token answered (code exchange)');
    else if (url.pathname === '/v1/rest/auth/metadata') mark('cluster metadata answered');
    else if (url.pathname === '/v2/rest/query') mark('query answered');
  });
  return seen;
}

/**
 * A share link to `StormEvents | count` opened signed out, then "Sign in": the link's query runs
 * once after sign-in, so the time to its result is the app's own path (config, MSAL, token,
 * request, decode, grid) and does not wait on typing into monaco. When the editor became usable
 * is reported beside it.
 */
async function signInToCount(): Promise<{ signInToCountMs: number; signInToEditorMs: number; firstPaintMs: number; milestones: Milestones }> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    let t1: number | null = null;
    const milestones = watchMilestones(page, () => t1);
    const t0 = performance.now();
    await page.goto(appLink({ cluster: 'localhost:8443', database: 'Samples', query: 'StormEvents | count' }));
    const signInButton = page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true });
    await signInButton.waitFor();
    const firstPaintMs = performance.now() - t0;

    t1 = performance.now();
    const started = t1;
    await signInButton.click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const editorReady = page
      .locator('[data-editor-state="ready"]')
      .waitFor({ timeout: 120_000 })
      .then(() => performance.now());
    await page
      .getByRole(s.results.status.role, { name: s.results.status.name })
      .filter({ hasText: /^1 record$/ })
      .waitFor({ timeout: 120_000 });
    const signInToCountMs = performance.now() - started;
    const signInToEditorMs = (await editorReady) - started;
    return { signInToCountMs, signInToEditorMs, firstPaintMs, milestones };
  } finally {
    await browser.close();
  }
}

/** Pages the dev server reloaded (Vite's `full-reload` message, and main-frame loads after sign-in). */
async function freshCloneReloads(): Promise<{ fullReloadMessages: number; loadsAfterSignIn: number }> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true })).newPage();
    let fullReloadMessages = 0;
    let signedIn = false;
    let loadsAfterSignIn = 0;
    page.on('websocket', (socket) =>
      socket.on('framereceived', (frame) => {
        if (String(frame.payload).includes('"full-reload"')) fullReloadMessages += 1;
      }),
    );
    page.on('load', () => {
      if (signedIn) loadsAfterSignIn += 1;
    });
    // A fresh clone's first page waits for Vite to pre-bundle every library: minutes on a busy machine.
    await page.goto(APP_URL, { timeout: 300_000 });
    await page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true }).click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole(s.editor.context.role, { name: s.editor.context.name }).waitFor({ timeout: 120_000 });
    signedIn = true;
    const editor = page.getByRole(s.editor.query.role, { name: s.editor.query.name });
    await editor.waitFor({ timeout: 120_000 });
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('StormEvents | summarize n = count() by State | top 5 by n | render columnchart');
    await page.getByRole(s.editor.run.role, { name: s.editor.run.name }).click();
    await page.getByRole(s.charts.chart.role).first().waitFor({ timeout: 120_000 });
    // Schema IntelliSense comes from monaco-kusto's language worker: its code has been served.
    await page.locator('[data-schema-state="loaded"]').waitFor({ timeout: 120_000 });
    await editor.focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('StormEvents | where ');
    await page.keyboard.type('Sta');
    await page.getByRole('option', { name: 'StartTime', exact: true }).waitFor({ timeout: 120_000 });
    await page.waitForLoadState('networkidle');
    return { fullReloadMessages, loadsAfterSignIn };
  } finally {
    await browser.close();
  }
}

rmSync('node_modules/.vite', { recursive: true, force: true });
const cold = await startStack();
let reloads: Awaited<ReturnType<typeof freshCloneReloads>>;
try {
  reloads = await freshCloneReloads();
} finally {
  await cold.stop();
}
console.log(`${'fresh clone (no node_modules/.vite): npm start → ready'.padEnd(60)} ${(cold.readyMs / 1000).toFixed(2)} s`);
console.log(`${'fresh clone: dev-server reloads after sign-in (must be 0)'.padEnd(60)} ${reloads.loadsAfterSignIn} (full-reload messages: ${reloads.fullReloadMessages})`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One stack (dev server or production build): its start, and Sign in → count with the milestones. */
async function measure(label: string, args: readonly string[]): Promise<void> {
  const stack = await startStack(args);
  try {
    const { signInToCountMs, signInToEditorMs, firstPaintMs, milestones } = await signInToCount();
    console.log(`\n${label}`);
    const rows = [
      ['npm start → ready line', stack.readyMs],
      ['first load of a link → "Sign in" visible', firstPaintMs],
      ['"Sign in" click → the link\'s StormEvents | count rendered', signInToCountMs],
      ['"Sign in" click → editor ready (not waited for by the run)', signInToEditorMs],
    ] as const;
    for (const [name, ms] of rows) console.log(`${name.padEnd(60)} ${seconds(ms)}`);
    // The bench's own typing into the provider's form is inside "back on the app".
    const path = [...milestones].sort(([, a], [, b]) => a - b);
    console.log(`  from the click: ${path.map(([name, ms]) => `${name} ${seconds(ms)}`).join(' · ')} · result on screen ${seconds(signInToCountMs)}`);
  } finally {
    await stack.stop();
  }
}

await measure('dev server (npm start)', []);
// The production build, as users get it: built now, so it is this commit's.
const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error(`vite build failed (exit ${build.status ?? build.signal})`);
  process.exit(1);
}
await measure('production build (vite build; npm start -- --preview)', ['--preview']);
if (reloads.loadsAfterSignIn > 0 || reloads.fullReloadMessages > 0) {
  console.error('The dev server reloaded the page on a fresh clone: a library loaded lazily is missing from optimizeDeps.');
  process.exit(1);
}
