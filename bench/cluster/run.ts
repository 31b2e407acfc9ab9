/**
 * `npm run bench -- cluster`: the local cluster on the 10M-row Big.Telemetry table.
 * (a) Translation + protocol overhead: the full HTTPS request through the cluster (automation
 *     token from the local identity provider) vs the least a server must do with the same rows:
 *     DuckDB running the SQL the translator produced, on the same instance, read fully into
 *     memory, then JSON.stringify of those rows (the ratio's baseline). DuckDB's own streaming
 *     read (chunks only, nothing encoded) is shown for scale. Medians of several runs → ratio.
 * (b) Memory while streaming a 500k-row result: this process's RSS sampled from /proc during the
 *     request (server, engine and DuckDB all live here; the client only counts bytes).
 * (c) make-series and mv-apply: the translator's SQL vs the SQL a person would write for DuckDB
 *     (LIST values, time_bucket, a LATERAL over unnest), both streamed on the same instance, and
 *     the cluster's HTTP path; the same columns and values (arrays as JSON text in both).
 * Identity and cluster start in-process on free ports, so the bench never touches a running stack.
 */
import { readFileSync } from 'node:fs';
import { sqlTableName } from '../../dev/cluster/engine/catalog';
import { startBenchStack } from './stack';

const RUNS = 5;
const DB = 'Big';
const QUERIES: { name: string; csl: string }[] = [
  { name: 'filter + count', csl: 'Telemetry | where Metric == "cpu" and Value > 50 | count' },
  { name: 'summarize by bin()', csl: 'Telemetry | summarize n = count(), avg(Value) by bin(Timestamp, 1d), Metric' },
  { name: 'top 100 by Value', csl: 'Telemetry | top 100 by Value desc' },
  { name: '500k-row projection', csl: 'Telemetry | where Count < 5 | project Timestamp, DeviceId, Value | take 500000' },
  {
    name: '500k computed columns',
    csl: 'range x from 1 to 500000 step 1 | extend y = x % 97, s = strcat("row-", tostring(x)), t = datetime(2024-01-01) + x * 1s',
  },
];
const PROJECTION = QUERIES[3]!.csl;

const T = sqlTableName(DB, 'Telemetry');
/** Kusto queries with the DuckDB SQL that answers them as one would write it by hand. */
const SERIES_QUERIES: { name: string; csl: string; sql: string }[] = [
  {
    name: 'make-series 1d by DeviceId',
    csl: 'Telemetry | make-series avg(Value) default = 0 on Timestamp from datetime(2024-01-01) to datetime(2025-01-01) step 1d by DeviceId',
    sql: `WITH days AS (SELECT range AS d FROM range(TIMESTAMP '2024-01-01', TIMESTAMP '2025-01-01', INTERVAL 1 DAY)),
      devices AS (SELECT DISTINCT "DeviceId" FROM ${T}),
      cells AS (SELECT "DeviceId", time_bucket(INTERVAL 1 DAY, "Timestamp") AS d, avg("Value") AS v FROM ${T}
        WHERE "Timestamp" >= TIMESTAMP '2024-01-01' AND "Timestamp" < TIMESTAMP '2025-01-01' GROUP BY ALL)
      SELECT k."DeviceId", to_json(list(coalesce(c.v, 0) ORDER BY days.d)) AS avg_Value,
        to_json(list(strftime(days.d, '%Y-%m-%dT%H:%M:%S.0000000Z') ORDER BY days.d)) AS "Timestamp"
      FROM devices k CROSS JOIN days LEFT JOIN cells c ON c."DeviceId" = k."DeviceId" AND c.d = days.d GROUP BY k."DeviceId"`,
  },
  {
    name: 'mv-apply summarize per device',
    csl: 'Telemetry | where Metric == "cpu" | summarize vals = make_list(Value) by DeviceId | mv-apply v = vals to typeof(real) on (summarize s = sum(v), m = max(v)) | project DeviceId, s, m',
    sql: `SELECT "DeviceId", s, m FROM (SELECT "DeviceId", list("Value") AS vals FROM ${T} WHERE "Metric" = 'cpu' GROUP BY ALL) g,
      LATERAL (SELECT sum(v) AS s, max(v) AS m FROM unnest(g.vals) u(v))`,
  },
];

function rssKiB(field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(m?.[1] ?? 0);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const { engine, query, stop } = await startBenchStack();
  const viaCluster = (csl: string) => query(DB, csl);

  /** A fresh connection in UTC (as the cluster's), closed after `work`. */
  const withConnection = async <T>(work: (conn: Awaited<ReturnType<typeof engine.duckdb.connect>>) => Promise<T>): Promise<T> => {
    const conn = await engine.duckdb.connect();
    try {
      await conn.run(`SET TimeZone='UTC'`);
      return await work(conn);
    } finally {
      conn.closeSync();
    }
  };

  const direct = (sql: string) =>
    withConnection(async (conn) => {
      const t0 = performance.now();
      const result = await conn.stream(sql);
      let rows = 0;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        chunk.getColumns();
        rows += chunk.rowCount;
      }
      return { ms: performance.now() - t0, rows };
    });

  // Fully buffered read plus JSON encoding of the same rows: what any server has to do at least.
  const bufferedJson = (sql: string) =>
    withConnection(async (conn) => {
      const t0 = performance.now();
      const reader = await conn.runAndReadAll(sql);
      const bytes = Buffer.byteLength(JSON.stringify(reader.getRowsJson()));
      return { ms: performance.now() - t0, rows: reader.currentRowCount, bytes };
    });

  try {
    const t0 = performance.now();
    await engine.materialize(DB, 'Telemetry | count');
    console.log(`Big.Telemetry (10,000,000 rows) generated in DuckDB in ${Math.round(performance.now() - t0)} ms`);

    const lines: string[][] = [];
    for (const q of QUERIES) {
      const [sql] = engine.sqlOf(DB, q.csl);
      if (!sql) throw new Error(`no SQL for ${q.csl}`);
      await viaCluster(q.csl); // warm every path once
      await direct(sql);
      const warm = await bufferedJson(sql);
      const c: number[] = [];
      const b: number[] = [];
      const d: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        // Rotate the order so no path always runs on a warmer cache.
        const paths = [
          async () => {
            const r = await viaCluster(q.csl);
            if (r.status !== 200) throw new Error(`${q.name}: HTTP ${r.status}`);
            c.push(r.ms);
            bytes = r.bytes;
          },
          async () => b.push((await bufferedJson(sql)).ms),
          async () => d.push((await direct(sql)).ms),
        ];
        for (let k = 0; k < paths.length; k++) await paths[(i + k) % paths.length]!();
      }
      const mc = median(c);
      const mb = median(b);
      const md = median(d);
      lines.push([q.name, String(warm.rows), md.toFixed(1), mb.toFixed(1), mc.toFixed(1), (mc / mb).toFixed(2), (warm.bytes / 1e6).toFixed(2), (bytes / 1e6).toFixed(2)]);
    }

    // (c) make-series and mv-apply: translator vs hand-written DuckDB SQL, side by side.
    const seriesLines: string[][] = [];
    for (const q of SERIES_QUERIES) {
      const [sql] = engine.sqlOf(DB, q.csl);
      if (!sql) throw new Error(`no SQL for ${q.csl}`);
      const check = await viaCluster(q.csl);
      if (check.status !== 200) throw new Error(`${q.name}: HTTP ${check.status}`);
      const rows = (await direct(sql)).rows;
      const handRows = (await direct(q.sql)).rows;
      if (rows !== handRows) throw new Error(`${q.name}: translator gives ${rows} rows, the hand-written SQL ${handRows}`);
      const tr: number[] = [];
      const hand: number[] = [];
      const c: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const paths = [
          async () => tr.push((await direct(sql)).ms),
          async () => hand.push((await direct(q.sql)).ms),
          async () => c.push((await viaCluster(q.csl)).ms),
        ];
        for (let k = 0; k < paths.length; k++) await paths[(i + k) % paths.length]!();
      }
      seriesLines.push([q.name, String(rows), median(hand).toFixed(1), median(tr).toFixed(1), (median(tr) / median(hand)).toFixed(2), median(c).toFixed(1)]);
    }

    // (b) memory while streaming the 500k-row result.
    const big = PROJECTION;
    if (typeof globalThis.gc === 'function') globalThis.gc();
    const before = rssKiB('VmRSS');
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rssKiB('VmRSS'))), 5);
    const r = await viaCluster(big);
    clearInterval(timer);
    peak = Math.max(peak, rssKiB('VmRSS'));

    const header = ['query', 'rows', 'DuckDB stream ms', 'DuckDB+JSON ms', 'cluster HTTP ms', 'ratio', 'JSON MB', 'response MB'];
    const table = [header, ...lines];
    const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
    const fmt = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
    console.log(`\n(a) translation + protocol overhead, median of ${RUNS} runs (target ratio ≤ 1.5 on the 500k-row projection)`);
    console.log(fmt(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const l of lines) console.log(fmt(l));
    console.log('    DuckDB stream = the translator\'s SQL on the same instance, every chunk read into JS values, nothing encoded;');
    console.log('    DuckDB+JSON = the same SQL read fully (runAndReadAll), then JSON.stringify of its rows: the ratio\'s baseline;');
    console.log('    cluster HTTP = POST /v2/rest/query over HTTPS with an automation token, whole body read.');
    const seriesHeader = ['query', 'rows', 'hand SQL ms', 'translator SQL ms', 'ratio', 'cluster HTTP ms'];
    const seriesTable = [seriesHeader, ...seriesLines];
    const sw = seriesHeader.map((_, i) => Math.max(...seriesTable.map((row) => (row[i] ?? '').length)));
    const sfmt = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(sw[i] ?? 0) : cell.padStart(sw[i] ?? 0))).join('  ');
    console.log(`\n(c) make-series and mv-apply: the translator's SQL vs hand-written DuckDB SQL, both streamed on the same instance, median of ${RUNS} runs`);
    console.log(sfmt(seriesHeader));
    console.log(sw.map((w) => '-'.repeat(w)).join('  '));
    for (const l of seriesLines) console.log(sfmt(l));
    console.log(`\n(b) memory while streaming '${big}'`);
    console.log(`    response ${(r.bytes / 1e6).toFixed(1)} MB in ${r.ms.toFixed(0)} ms; process RSS before ${(before / 1024).toFixed(0)} MB, peak during ${(peak / 1024).toFixed(0)} MB (+${((peak - before) / 1024).toFixed(0)} MB)`);
    console.log(`    peak RSS growth / response size = ${(((peak - before) * 1024) / r.bytes).toFixed(2)}`);
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
