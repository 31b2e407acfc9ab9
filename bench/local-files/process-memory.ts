/**
 * Resident memory of a Chromium we launched, found by a marker argument on its browser process and
 * summed over that process and its descendants (renderers hold the page, its workers and the wasm
 * heap). Linux /proc only; the shared machine's other browsers are not counted.
 */
import { readdirSync, readFileSync } from 'node:fs';

function processes(): { pid: number; ppid: number }[] {
  const out: { pid: number; ppid: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(entry), ppid });
    } catch {
      // The process ended while we listed it.
    }
  }
  return out;
}

function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

export function processTreeRss(marker: string): number {
  const all = processes();
  const roots = all.filter((p) => {
    try {
      return readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').includes(marker);
    } catch {
      return false;
    }
  });
  const tree = new Set(roots.map((r) => r.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!tree.has(p.pid) && tree.has(p.ppid)) { tree.add(p.pid); grew = true; }
  }
  let total = 0;
  for (const pid of tree) total += rssBytes(pid);
  return total;
}
