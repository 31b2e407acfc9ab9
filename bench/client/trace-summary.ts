/**
 * Where a Chromium trace says the renderer's main thread spent its time: complete events by total
 * time, and JS by sampled self time. `npx tsx bench/client/trace-summary.ts trace.json` reads a
 * trace recorded by `BENCH_CLIENT_TRACE=… npm run bench -- client`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface TraceEvent { name: string; ph: string; dur?: number; tid: number; pid: number; cat: string; args?: { data?: { cpuProfile?: CpuProfile; timeDeltas?: number[] }; name?: string } }
interface CpuProfile { nodes?: { id: number; callFrame: { functionName: string; url?: string; lineNumber?: number } }[]; samples?: number[] }

/** Where the renderer's main thread spent the scroll: complete events by total time, JS by self time (sampled). */
export function summarizeTrace(json: string): void {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid);
  const byName = new Map<string, number>();
  for (const e of onMain) if (e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  console.log('\ntrace of (c), renderer main thread, events by total ms (nested events count in their parents too):');
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
  // The sampled profile arrives in ProfileChunk events: nodes once, samples and time deltas per chunk.
  const frames = new Map<number, string>();
  const self = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !main || e.pid !== main.pid) continue;
    const profile = e.args?.data?.cpuProfile;
    for (const n of profile?.nodes ?? []) {
      const f = n.callFrame;
      frames.set(n.id, `${f.functionName || '(anonymous)'} ${(f.url ?? '').replace(/^.*\/assets\//, '')}:${(f.lineNumber ?? -1) + 1}`);
    }
    const deltas = e.args?.data?.timeDeltas ?? [];
    (profile?.samples ?? []).forEach((id, i) => {
      const key = frames.get(id) ?? String(id);
      self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    });
  }
  console.log('JS and VM by sampled self ms:');
  for (const [name, ms] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
}


if (process.argv[1] === fileURLToPath(import.meta.url)) summarizeTrace(readFileSync(process.argv[2]!, 'utf8'));
