/**
 * `npm run bench -- client`: the client's data path in headless Chromium, measured side by side
 * in one run:
 *   (a) decode of a 500k × 20 v2 response to columnar vs JSON.parse of the same bytes,
 *   (b) last byte → first painted grid (worker decode + transfer + ResultsPanel) vs JSON.parse,
 *       with the main thread's long tasks meanwhile,
 *   (c) rAF frame times while the grid scrolls,
 *   (d) gzip size of the JS loaded before the editor (entry chunk + its static imports),
 *   (e) the same response paced at BENCH_CLIENT_MBPS (default 50 MB/s, a fast network rather than
 *       loopback): time to the first painted rows vs time to the last byte, and last byte →
 *       complete table vs JSON.parse, reading the body whole then decoding vs streaming it into
 *       the worker, side by side.
 * Builds the app and the bench page with Vite into a temp dir (never dist/) and serves it on an
 * ephemeral port; nothing binds the stack's ports.
 *
 * `BENCH_CLIENT_TRACE=/tmp/scroll-trace.json npm run bench -- client` also records a Chromium
 * trace of (c) (open it in DevTools' Performance panel) and prints where the scroll frames' main
 * thread time went: trace events by total time, and the JS functions by self time; and one of
 * (e) streamed (`/tmp/scroll-trace-arrival.json`), summarised for the main thread and the worker.
 */

import type { Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';
import { generateV2Response } from './generate';
import { buildAppWithBenchPage, entryChunks, serveBuild } from '../static-server';
import { summarizeTrace } from './trace-summary';

const ROWS = Number(process.env['BENCH_CLIENT_ROWS'] ?? 500_000);
const REPS = 3;
const PACE_MBPS = Number(process.env['BENCH_CLIENT_MBPS'] ?? 50);

interface Row { metric: string; value: string; baseline: string; ratio: string; target: string; pass: boolean }

function table(rows: Row[]): void {
  const head = ['metric', 'value', 'baseline', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [r.metric, r.value, r.baseline, r.ratio, r.target, r.pass ? 'pass' : 'FAIL']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'v8.execute', 'blink', 'cc'];

async function main(): Promise<void> {
  const started = Date.now();
  const outDir = mkdtempSync(join(tmpdir(), 'kqlw-bench-client-'));
  let server: Server | null = null;
  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  try {
    const t = Date.now();
    const data = new TextEncoder().encode(generateV2Response(ROWS));
    console.log(`generated ${ROWS} rows × 20 columns: ${(data.length / 1e6).toFixed(1)} MB in ${Date.now() - t} ms`);

    await buildAppWithBenchPage(outDir, 'bench/client/page.html');

    const served = await serveBuild(outDir, {
      '/data.json': { type: 'application/json', bytes: data },
      '/data-paced.json': { type: 'application/json', bytes: data, bytesPerSecond: PACE_MBPS * 1e6 },
    });
    server = served.server;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${served.url}/bench/client/page.html`);
    await page.waitForFunction(() => document.title === 'ready');

    type Bench = {
      firstPaint(): Promise<{ totalMs: number; workerMs: number; decodeMs: number; renderMs: number; longTasks: number[]; inWorker: boolean; gridFound: boolean; rows: number }>;
      scrollFrames(frames: number): Promise<{ found: boolean; p95: number; max: number; frames: number; scrolledPx: number; idleP95: number }>;
      throughput(reps: number): Promise<{ megabytes: number; rows: number; parseMs: number; textAndParseMs: number; scanMs: number }>;
      arrival(url: string, mode: 'whole' | 'stream'): Promise<{ headersMs: number; firstSnapshotMs: number; decodeMs: number; firstRowsMs: number; firstRowCount: number; lastByteMs: number; completeAfterLastByteMs: number }>;
    };
    const paint = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.firstPaint());
    await page.screenshot({ path: '/tmp/bench-client-grid.png' });
    const tracePath = process.env['BENCH_CLIENT_TRACE'];
    if (tracePath) await browser.startTracing(page, { path: tracePath, screenshots: false, categories: TRACE_CATEGORIES });
    const scroll = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.scrollFrames(180));
    if (tracePath) {
      await browser.stopTracing();
      summarizeTrace(readFileSync(tracePath, 'utf8'));
    }
    await page.screenshot({ path: '/tmp/bench-client-scrolled.png' });
    await page.close();

    // A fresh page: the JSON.parse trees of (a) must not weigh on (b) and (c) through the heap.
    const page2 = await browser.newPage();
    await page2.goto(`${served.url}/bench/client/page.html`);
    await page2.waitForFunction(() => document.title === 'ready');
    const speed = await page2.evaluate((reps) => (window as unknown as { bench: Bench }).bench.throughput(reps), REPS);
    await page2.close();

    // (e) on a fresh page each, whole first (the way the app read bodies before), then streamed.
    const arrivals: Record<'whole' | 'stream', Awaited<ReturnType<Bench['arrival']>>> = {} as never;
    for (const mode of ['whole', 'stream'] as const) {
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.goto(`${served.url}/bench/client/page.html`);
      await p.waitForFunction(() => document.title === 'ready');
      const arrivalTrace = tracePath && mode === 'stream' ? tracePath.replace(/(\.json)?$/, '-arrival.json') : null;
      if (arrivalTrace) await browser.startTracing(p, { path: arrivalTrace, screenshots: false, categories: TRACE_CATEGORIES });
      arrivals[mode] = await p.evaluate(([m]) => (window as unknown as { bench: Bench }).bench.arrival('/data-paced.json', m!), [mode] as const);
      if (arrivalTrace) {
        await browser.stopTracing();
        const json = readFileSync(arrivalTrace, 'utf8');
        summarizeTrace(json, '(e) streamed', 'CrRendererMain');
        summarizeTrace(json, '(e) streamed', 'DedicatedWorker thread');
      }
      if (mode === 'stream') await p.screenshot({ path: '/tmp/bench-client-streamed.png' });
      await p.close();
    }

    const chunks = entryChunks(outDir);
    const gzipBytes = chunks.reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);

    const mbps = (ms: number) => `${(speed.megabytes / (ms / 1000)).toFixed(0)} MB/s`;
    const decodeRatio = speed.parseMs / speed.scanMs;
    const paintRatio = paint.totalMs / speed.parseMs;
    const maxLong = paint.longTasks.length ? Math.max(...paint.longTasks) : 0;
    console.log(`\n${speed.rows} rows, ${speed.megabytes.toFixed(1)} MB; medians of ${REPS}; decode in worker: ${paint.inWorker}; `
      + `worker round trip ${paint.workerMs.toFixed(0)} ms (decode ${paint.decodeMs.toFixed(0)} ms), render+paint ${paint.renderMs.toFixed(0)} ms; `
      + `TextDecoder+JSON.parse ${speed.textAndParseMs.toFixed(0)} ms; long tasks during (b): [${paint.longTasks.map((d) => d.toFixed(0)).join(', ')}] ms\n`);
    const rows: Row[] = [
      {
        metric: '(a) decode → columnar throughput', value: `${speed.scanMs.toFixed(0)} ms (${mbps(speed.scanMs)})`,
        baseline: `JSON.parse ${speed.parseMs.toFixed(0)} ms (${mbps(speed.parseMs)})`, ratio: `${decodeRatio.toFixed(2)}×`,
        target: '≥ 0.80×', pass: decodeRatio >= 0.8,
      },
      {
        metric: '(b) last byte → first painted grid', value: `${paint.totalMs.toFixed(0)} ms`, baseline: `JSON.parse ${speed.parseMs.toFixed(0)} ms`,
        ratio: `${paintRatio.toFixed(2)}×`, target: '≤ 1.50×', pass: paintRatio <= 1.5 && paint.gridFound,
      },
      {
        metric: '(b) longest main-thread task meanwhile', value: `${maxLong.toFixed(0)} ms`, baseline: '-', ratio: '-',
        target: 'none > 100 ms', pass: maxLong <= 100,
      },
      {
        metric: '(c) scroll frame time p95', value: scroll.found ? `${scroll.p95.toFixed(1)} ms (max ${scroll.max.toFixed(1)})` : 'no scroller',
        baseline: `idle rAF p95 ${scroll.idleP95.toFixed(1)} ms`, ratio: scroll.found ? `${(scroll.p95 / scroll.idleP95).toFixed(2)}×` : '-',
        target: '≤ 1.20×, max ≤ 50 ms', pass: scroll.found && scroll.p95 / scroll.idleP95 <= 1.2 && scroll.max <= 50,
      },
      {
        metric: '(d) JS before the editor, gzip -9', value: `${(gzipBytes / 1024).toFixed(0)} KB (${chunks.length} chunks)`, baseline: '300 KB',
        ratio: `${(gzipBytes / 1024 / 300).toFixed(2)}×`, target: '≤ 300 KB', pass: gzipBytes <= 300 * 1024,
      },
    ];
    for (const mode of ['whole', 'stream'] as const) {
      const a = arrivals[mode];
      const firstRatio = a.firstRowsMs / a.lastByteMs;
      const tailRatio = a.completeAfterLastByteMs / speed.parseMs;
      const how = mode === 'whole' ? 'body read whole, then decoded' : 'body streamed into the worker';
      rows.push(
        {
          metric: `(e) first rows painted, ${how}`, value: `${a.firstRowsMs.toFixed(0)} ms (${a.firstRowCount} rows)`,
          baseline: `last byte ${a.lastByteMs.toFixed(0)} ms`, ratio: `${firstRatio.toFixed(2)}×`, target: '≤ 0.30×', pass: firstRatio <= 0.3,
        },
        {
          metric: `(e) last byte → complete table, ${how}`, value: `${a.completeAfterLastByteMs.toFixed(0)} ms`,
          baseline: `JSON.parse ${speed.parseMs.toFixed(0)} ms`, ratio: `${tailRatio.toFixed(2)}×`, target: '≤ 0.50×', pass: tailRatio <= 0.5,
        },
      );
    }
    console.log(`(e) paced at ${PACE_MBPS} MB/s (BENCH_CLIENT_MBPS); the "whole" rows are the way before streaming, kept as the baseline; `
      + (['whole', 'stream'] as const).map((m) => `${m}: headers ${arrivals[m].headersMs.toFixed(0)} ms, first snapshot ${arrivals[m].firstSnapshotMs.toFixed(0)} ms, `
        + `decoder busy ${arrivals[m].decodeMs.toFixed(0)} ms`).join('; '));
    table(rows);
    console.log(`\nbench/client took ${((Date.now() - started) / 1000).toFixed(0)} s; screenshots: /tmp/bench-client-grid.png, /tmp/bench-client-scrolled.png`);
    if (process.env['BENCH_KEEP_BUILD']) writeFileSync(join(outDir, 'KEEP'), '');
  } finally {
    await browser.close();
    server?.close();
    if (!process.env['BENCH_KEEP_BUILD']) rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
