/**
 * `npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/cluster/profile.ts [runs] [csl]`: runs one
 * query through the in-process cluster several times (after a warm-up), for a CPU profile of the
 * server + engine path. Prints per-run ms and the top self-time functions of this process.
 */
import { Session } from 'node:inspector/promises';
import { startBenchStack } from './stack';

const RUNS = Number(process.argv[2] ?? 3);
const CSL = process.argv[3] ?? 'Telemetry | where Count < 5 | project Timestamp, DeviceId, Value | take 500000';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

async function main(): Promise<void> {
  const { engine, query, stop } = await startBenchStack();
  const run = () => query('Big', CSL);
  const session = new Session();
  session.connect();
  try {
    await engine.materialize('Big', CSL);
    await run();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    for (let i = 0; i < RUNS; i++) {
      const r = await run();
      console.log(`run ${i}: ${r.ms.toFixed(0)} ms, ${(r.bytes / 1e6).toFixed(2)} MB`);
    }
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[] } };
    const self = new Map<string, number>();
    let total = 0;
    for (const n of profile.nodes) {
      const hits = n.hitCount ?? 0;
      total += hits;
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + hits);
    }
    // Natives without a URL (builtins, GC) are attributed to their JS caller too.
    const parent = new Map<number, ProfileNode>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    for (const n of profile.nodes) {
      if (n.callFrame.url || !n.hitCount) continue;
      const p = parent.get(n.id);
      if (!p?.callFrame.url) continue;
      const key = `  ${n.callFrame.functionName || '(anonymous)'} ← ${p.callFrame.functionName || '(anonymous)'} ${p.callFrame.url.replace(/^.*\/(node_modules|work\/main)\//, '')}`;
      self.set(key, (self.get(key) ?? 0) + n.hitCount);
    }
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
    console.log('\nself time, top 40 (% of samples):');
    for (const [k, v] of top) console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  } finally {
    session.disconnect();
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
