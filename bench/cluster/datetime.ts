/**
 * `npx tsx bench/cluster/datetime.ts [runs]`: datetime functions on the 10M-row Big.Telemetry
 * table, timed on the translator's SQL run directly in the engine's DuckDB (median of runs after
 * one warm-up): wall ms, and CPU ms of this process (DuckDB's threads included), which a busy
 * shared machine disturbs less than wall time. Guards the micro-precision fast path: stored columns are whole micros, so they
 * need none of the floor-to-micros work that 100 ns values do.
 */
import { createEngine } from '../../dev/cluster/engine/engine';

const RUNS = Number(process.argv[2] ?? 5);
const DB = 'Big';
const QUERIES = [
  'Telemetry | summarize count() by hourofday(Timestamp)',
  'Telemetry | summarize count() by bin(Timestamp, 1h)',
  'Telemetry | summarize count() by startofday(Timestamp + 1h)',
  'Telemetry | summarize count() by bin(endofday(Timestamp), 1d)',
  'Telemetry | summarize n = count(), avg(Value) by bin(Timestamp, 1d), Metric',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const engine = await createEngine();
  try {
    await engine.materialize(DB, 'Telemetry | count');
    const conn = await engine.duckdb.connect();
    await conn.run(`SET TimeZone='UTC'`);
    const time = async (sql: string) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const reader = await conn.runAndReadAll(sql);
      reader.getRows();
      const cpu = process.cpuUsage(c0);
      return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
    };
    for (const csl of QUERIES) {
      const [sql] = engine.sqlOf(DB, csl);
      if (!sql) throw new Error(`no SQL for ${csl}`);
      await time(sql);
      const runs: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await time(sql));
      const wall = median(runs.map((r) => r.wall)).toFixed(0).padStart(6);
      const cpu = median(runs.map((r) => r.cpu)).toFixed(0).padStart(6);
      console.log(`${wall} ms wall ${cpu} ms cpu  ${csl}`);
    }
    conn.closeSync();
  } finally {
    await engine.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
