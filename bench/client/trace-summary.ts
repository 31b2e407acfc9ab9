/**
 * Where a Chromium trace says a renderer thread spent its time: complete events by total time,
 * and JS by sampled self time. `npx tsx bench/client/trace-summary.ts trace.json [thread]` reads a
 * trace recorded by `BENCH_CLIENT_TRACE=… npm run bench -- client` (thread: CrRendererMain by
 * default; the decode worker is "DedicatedWorker thread").
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface TraceEvent {
  name: string; ph: string; dur?: number; tid: number; pid: number; cat: string; id?: string;
  args?: { data?: { cpuProfile?: CpuProfile; timeDeltas?: number[] }; name?: string };
}
interface CpuProfile { nodes?: { id: number; callFrame: { functionName: string; url?: string; lineNumber?: number } }[]; samples?: number[] }

/** Where one thread of the renderer spent the traced time: complete events by total time, JS by self time (sampled). */
export function summarizeTrace(json: string, label = '(c)', threadName = 'CrRendererMain'): void {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const threads = events.filter((e) => e.name === 'thread_name' && e.args?.name === threadName);
  const on = (e: TraceEvent) => threads.some((t) => t.pid === e.pid && t.tid === e.tid);
  const byName = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.dur && on(e)) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  console.log(`\ntrace of ${label}, ${threadName}, events by total ms (nested events count in their parents too):`);
  for (const [name, ms] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
  // A thread's sampled profile starts with a Profile event on that thread; its ProfileChunk events
  // (nodes once, samples and time deltas per chunk) come from V8's profiler thread with the same
  // id. Node ids are per profile, not per trace.
  const profiles = new Set(events.filter((e) => e.name === 'Profile' && on(e)).map((e) => `${e.pid}:${e.id}`));
  const frames = new Map<string, string>();
  const self = new Map<string, number>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !profiles.has(`${e.pid}:${e.id}`)) continue;
    const profile = e.args?.data?.cpuProfile;
    for (const n of profile?.nodes ?? []) {
      const f = n.callFrame;
      frames.set(`${e.id}:${n.id}`, `${f.functionName || '(anonymous)'} ${(f.url ?? '').replace(/^.*\/assets\//, '')}:${(f.lineNumber ?? -1) + 1}`);
    }
    const deltas = e.args?.data?.timeDeltas ?? [];
    (profile?.samples ?? []).forEach((id, i) => {
      const key = frames.get(`${e.id}:${id}`) ?? String(id);
      self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    });
  }
  console.log('JS and VM by sampled self ms:');
  for (const [name, ms] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${ms.toFixed(0).padStart(7)} ms  ${name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) summarizeTrace(readFileSync(process.argv[2]!, 'utf8'), process.argv[2]!, process.argv[3]);
