/**
 * `npm run bench -- local-files`: KQL on a local file in headless Chromium, side by side in one
 * page with DuckDB-wasm alone:
 *   (a) load of a generated 1,000,000-row × 12-column CSV (~100 MB) into a Kusto-typed table
 *       through the product's local-files worker vs `CREATE TABLE AS read_csv` in a bare
 *       DuckDB-wasm worker on the same page (target ≤ 1.2×),
 *   (b) the query `summarize count(), avg(x) by bin(t, 1h), k`: as KQL through the product's
 *       worker (parse, plan, SQL, Arrow → columnar tables transferred to the page) vs the SQL it
 *       stands for in the bare worker (target ≤ 1.2×); and the same SQL on both, for reference,
 *   (c) peak memory of the page's processes while loading, against the file's size,
 *   (d) what local files add to the build (worker, parser, wasm; gzip -9) and the JS before the
 *       editor (must stay ≤ 300 KB: none of it may be local files').
 * Builds into a temp dir, serves on an ephemeral loopback port; nothing binds the stack's ports.
 */
import type { Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../playwright.config';
import { buildAppWithBenchPage, entryChunks, serveBuild } from '../static-server';
import { writeBenchCsv } from './generate';
import { processTreeRss } from './process-memory';

const ROWS = Number(process.env['BENCH_LOCAL_ROWS'] ?? 1_000_000);
const REPS = Number(process.env['BENCH_LOCAL_REPS'] ?? 3);
const MARKER = `--kqlw-bench-local-files=${process.pid}`;
// t::TIMESTAMP: the bare read_csv types an ISO "…Z" column TIMESTAMPTZ, and DuckDB-wasm without
// ICU traps ("function signature mismatch", the worker dies) on time_bucket over TIMESTAMPTZ; the
// product stores datetimes as TIMESTAMP at load, where the cast is a no-op.
const HOUR_SUMMARY_SQL =
  `SELECT time_bucket(INTERVAL 1 HOUR, t::TIMESTAMP) AS t, k, count(*) AS count_, avg(x) AS avg_x FROM {table} GROUP BY ALL`;
const HOUR_SUMMARY_KQL = 'Requests0 | summarize count(), avg(x) by bin(t, 1h), k';

interface Bench {
  startProduct(): Promise<{ duckdbVersion: string; memoryLimitBytes: number; startMs: number; pageMs: number }>;
  startDirect(): Promise<number>;
  loadProduct(name: string): Promise<{ ms: number; loaded: { rowCount: number; columns: unknown[]; phases: { readMs: number; countMs: number } } | null; failed: unknown }>;
  loadDirect(table: string): Promise<number>;
  sqlProduct(sql: string): Promise<{ rowCount: number; ms: number } | 'cancelled'>;
  sqlDirect(sql: string): Promise<{ ms: number; rows: number }>;
  kqlProduct(csl: string): Promise<{ ms: number; workerMs: number; rowCount: number }>;
  longTasks(): number[];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Largest files of the build whose names match, with their gzip -9 sizes. */
function assetSizes(outDir: string, match: RegExp): { file: string; bytes: number; gzip: number }[] {
  const dir = join(outDir, 'assets');
  return readdirSync(dir)
    .filter((f) => match.test(f))
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      return { file: f, bytes: statSync(join(dir, f)).size, gzip: gzipSync(bytes, { level: 9 }).length };
    });
}

async function main(): Promise<void> {
  const started = Date.now();
  const outDir = mkdtempSync(join(tmpdir(), 'kqlw-bench-local-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'kqlw-bench-local-data-'));
  let server: Server | null = null;
  const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, MARKER], headless: true });
  try {
    const t = Date.now();
    const csvPath = join(dataDir, 'requests.csv');
    const csvBytes = await writeBenchCsv(csvPath, ROWS);
    console.log(`generated ${ROWS} rows × 12 columns: ${mb(csvBytes)} in ${Date.now() - t} ms`);

    await buildAppWithBenchPage(outDir, 'bench/local-files/page.html');
    const served = await serveBuild(outDir);
    server = served.server;

    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${served.url}/bench/local-files/page.html`);
    await page.waitForFunction(() => document.title === 'ready');
    await page.setInputFiles('#file', csvPath);
    const ready = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.startProduct());
    const directStartMs = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.startDirect());
    console.log(`DuckDB-wasm ${ready.duckdbVersion}, memory_limit ${mb(ready.memoryLimitBytes)}; worker start: product ${ready.pageMs.toFixed(0)} ms, bare ${directStartMs.toFixed(0)} ms`);

    const baselineRss = processTreeRss(MARKER);
    let peakRss = baselineRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, processTreeRss(MARKER))), 50);
    const product: number[] = [];
    const direct: number[] = [];
    let loaded: { rowCount: number; columns: unknown[]; phases: { readMs: number; countMs: number } } | null = null;
    const phases: string[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const p = await page.evaluate((name) => (window as unknown as { bench: Bench }).bench.loadProduct(name), `Requests${rep}`);
      if (!p.loaded) throw new Error(`the product did not load the file: ${JSON.stringify(p.failed)}`);
      loaded = p.loaded;
      phases.push(`read+store ${p.loaded.phases.readMs.toFixed(0)} + count ${p.loaded.phases.countMs.toFixed(0)}`);
      product.push(p.ms);
      direct.push(await page.evaluate((name) => (window as unknown as { bench: Bench }).bench.loadDirect(name), `direct_${rep}`));
      if (rep === 0) clearInterval(sampler);
    }
    const loadRatio = median(product) / median(direct);

    const productSql: number[] = [];
    const directSql: number[] = [];
    let groups = 0;
    for (let rep = 0; rep < REPS; rep++) {
      const p = await page.evaluate((sql) => (window as unknown as { bench: Bench }).bench.sqlProduct(sql), HOUR_SUMMARY_SQL.replace('{table}', '"Requests0"'));
      if (p === 'cancelled') throw new Error('cancelled');
      productSql.push(p.ms);
      groups = p.rowCount;
      directSql.push((await page.evaluate((sql) => (window as unknown as { bench: Bench }).bench.sqlDirect(sql), HOUR_SUMMARY_SQL.replace('{table}', 'direct_0'))).ms);
    }
    // The parser's first parse (its JIT warm-up, seconds) is paid once per worker, not per query.
    const firstKql = await page.evaluate((csl) => (window as unknown as { bench: Bench }).bench.kqlProduct(csl), HOUR_SUMMARY_KQL);
    const productKql: number[] = [];
    // Inside the worker (plan, DuckDB, Arrow → columnar) vs on the page (plus the message and the
    // transfer of the columns): says on which side of postMessage an overhead lies.
    const productKqlInWorker: number[] = [];
    const directForKql: number[] = [];
    for (let rep = 0; rep < REPS; rep++) {
      const k = await page.evaluate((csl) => (window as unknown as { bench: Bench }).bench.kqlProduct(csl), HOUR_SUMMARY_KQL);
      if (k.rowCount !== groups) throw new Error(`KQL answered ${k.rowCount} groups, the SQL ${groups}`);
      productKql.push(k.ms);
      productKqlInWorker.push(k.workerMs);
      directForKql.push((await page.evaluate((sql) => (window as unknown as { bench: Bench }).bench.sqlDirect(sql), HOUR_SUMMARY_SQL.replace('{table}', 'direct_0'))).ms);
    }
    const kqlRatio = median(productKql) / median(directForKql);
    const longTasks = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.longTasks());
    const maxLong = longTasks.length ? Math.max(...longTasks) : 0;
    await page.close();

    const before = entryChunks(outDir);
    const beforeGzip = before.reduce((sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length, 0);
    // What must wait for the first file: the worker, DuckDB-wasm and the parser. The worker's
    // launcher (src/workers/local-files-client.ts, ~1.5 KB gzip) is imported by the app itself; in
    // this two-entry build it becomes a chunk of its own beside the bench page, so it is not counted.
    const localBefore = before.filter((f) => /local-files\.worker|duckdb|Kusto\.Language|bridge/i.test(f));
    const added = assetSizes(outDir, /^(local-files\.worker|duckdb-(eh|mvp)|Kusto\.Language|bridge)[-.].*\.(js|wasm)$/);

    console.log(`\n${loaded?.rowCount ?? 0} rows loaded (${loaded?.columns.length ?? 0} columns); medians of ${REPS}; `
      + `load ms product [${product.map((v) => v.toFixed(0)).join(', ')}] (${phases.join('; ')}), bare [${direct.map((v) => v.toFixed(0)).join(', ')}]; `
      + `hour summary → ${groups} groups; KQL ms [${productKql.map((v) => v.toFixed(0)).join(', ')}] (in the worker [${productKqlInWorker.map((v) => v.toFixed(0)).join(', ')}]) vs bare SQL [${directForKql.map((v) => v.toFixed(0)).join(', ')}]; longest main-thread task ${maxLong.toFixed(0)} ms (${longTasks.length} over 50 ms)\n`);
    const rows = [
      ['(a) load 1M×12 CSV → table', `${median(product).toFixed(0)} ms`, `read_csv ${median(direct).toFixed(0)} ms`, `${loadRatio.toFixed(2)}×`, '≤ 1.20×', loadRatio <= 1.2 ? 'pass' : 'FAIL'],
      ['(b) hour summary, SQL on both', `${median(productSql).toFixed(0)} ms`, `${median(directSql).toFixed(0)} ms`, `${(median(productSql) / median(directSql)).toFixed(2)}×`, '-', 'info'],
      ['(b) hour summary, KQL vs its SQL bare', `${median(productKql).toFixed(0)} ms`, `${median(directForKql).toFixed(0)} ms`, `${kqlRatio.toFixed(2)}×`, '≤ 1.20×', kqlRatio <= 1.2 ? 'pass' : 'FAIL'],
      ['(b) first KQL query (parser warm-up)', `${firstKql.ms.toFixed(0)} ms`, '-', '-', '-', 'info'],
      ['(c) peak page memory while loading', mb(peakRss - baselineRss), `file ${mb(csvBytes)}`, `${((peakRss - baselineRss) / csvBytes).toFixed(2)}×`, '-', 'info'],
      ['main thread longest task', `${maxLong.toFixed(0)} ms`, '-', '-', '≤ 100 ms', maxLong <= 100 ? 'pass' : 'FAIL'],
      ['(d) JS before the editor, gzip -9', `${kb(beforeGzip)}`, '300 KB', `${(beforeGzip / 1024 / 300).toFixed(2)}×`, '≤ 300 KB, no worker/wasm/parser', beforeGzip <= 300 * 1024 && localBefore.length === 0 ? 'pass' : 'FAIL'],
      ...added.map((a) => [`(d) local files add: ${a.file.replace(/-[\w-]{8}\./, '.')}`, kb(a.gzip), `raw ${kb(a.bytes)}`, '-', 'lazy', 'info']),
      ['(d) local files add, total', kb(added.reduce((s, a) => s + a.gzip, 0) - Math.max(0, ...added.filter((a) => /mvp/.test(a.file)).map((a) => a.gzip))), 'one wasm is fetched', '-', 'lazy', 'info'],
    ];
    const head = ['metric', 'value', 'baseline', 'ratio', 'target', 'result'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ');
    console.log(line(head));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const r of rows) console.log(line(r));
    console.log(`\nbench/local-files took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
    server?.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
