/**
 * The client bench's page: the app's real ResultsPanel fed by the worker decode of a generated
 * response, with hooks the runner (run.ts) drives through Playwright. Type-checked by
 * tsconfig.pages.json with the components it mounts.
 */

import { createElement, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import '../../src/app/styles.css';
import { decodeV2Bytes } from '../../src/kusto/decode-v2';
import type { DataSet } from '../../src/kusto/types';
import { ResultsPanel } from '../../src/features/results/components/results-panel';
import { decodeInWorker, decodeStreamInWorker, startDecodeWorker, workerTableOps } from '../../src/workers/decode-client';

let show: (dataSet: DataSet | null, arriving?: boolean) => void = () => undefined;

function Bench() {
  const [state, setState] = useState<{ dataSet: DataSet | null; arriving: boolean }>({ dataSet: null, arriving: false });
  show = (dataSet, arriving = false) => flushSync(() => setState({ dataSet, arriving }));
  return createElement(ResultsPanel, {
    dataSet: state.dataSet, error: null, running: state.arriving, arriving: state.arriving ? { progress: null, replacements: 0 } : null,
    ops: workerTableOps, query: 'StormEvents',
  });
}

// The app starts the worker at idle after load (so its decoder is compiled before the first result).
startDecodeWorker();
createRoot(document.getElementById('root')!).render(createElement(Bench));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function nextPaint(): Promise<number> {
  // rAF runs before the frame's paint; a message posted from it arrives after that paint.
  return new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));
}

async function fetchBytes(): Promise<ArrayBuffer> {
  const response = await fetch('/data.json', { cache: 'no-store' });
  return response.arrayBuffer();
}

/** (a) decode to columnar vs JSON.parse of the same bytes, on this thread, interleaved. */
async function throughput(reps: number) {
  const bytes = new Uint8Array(await fetchBytes());
  const parse: number[] = [];
  const textAndParse: number[] = [];
  const scan: number[] = [];
  let rows = 0;
  for (let k = 0; k < reps; k++) {
    let t = performance.now();
    const text = new TextDecoder().decode(bytes);
    const t1 = performance.now();
    const tree = JSON.parse(text) as unknown[];
    const t2 = performance.now();
    parse.push(t2 - t1);
    textAndParse.push(t2 - t);
    if (tree.length === 0) throw new Error('empty');
    await new Promise((r) => setTimeout(r, 50));
    t = performance.now();
    const result = decodeV2Bytes(bytes);
    scan.push(performance.now() - t);
    if (!result.ok) throw new Error(result.error.message);
    rows = result.dataSet.primaryResults[0]!.rowCount;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { megabytes: bytes.length / 1e6, rows, parseMs: median(parse), textAndParseMs: median(textAndParse), scanMs: median(scan) };
}

/** (b) last byte → first painted grid through the worker, with long tasks seen meanwhile. */
async function firstPaint() {
  const tasks: Array<{ start: number; duration: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ type: 'longtask' });
  const bytes = await fetchBytes();
  const lastByte = performance.now();
  const decoded = await decodeInWorker(bytes);
  const arrived = performance.now();
  if (!decoded.result.ok) throw new Error(decoded.result.error.message);
  show(decoded.result.dataSet);
  const painted = await nextPaint();
  await new Promise((r) => setTimeout(r, 100));
  observer.disconnect();
  // Only tasks that overlap last byte → paint; the download before it is not the decoder's.
  const longTasks = tasks.filter((t) => t.start + t.duration > lastByte && t.start < painted).map((t) => t.duration);
  const grid = document.querySelector('[role="grid"], canvas');
  return {
    totalMs: painted - lastByte, workerMs: arrived - lastByte, decodeMs: decoded.decodeMs, renderMs: painted - arrived,
    longTasks, inWorker: decoded.inWorker, gridFound: grid !== null, rows: decoded.result.dataSet.primaryResults[0]!.rowCount,
  };
}

/** When the last byte of `url` arrived, by Resource Timing (the worker may hold the body). */
function lastByteOf(url: string): number {
  const entries = performance.getEntriesByName(new URL(url, location.href).href) as PerformanceResourceTiming[];
  const entry = entries[entries.length - 1];
  if (!entry || entry.responseEnd === 0) throw new Error(`no resource timing for ${url}`);
  return entry.responseEnd;
}

/**
 * (e) a paced response (a network's pace, not loopback's): time to the first painted rows and
 * last byte → complete table, reading the body whole then decoding (`whole`) or streaming it
 * into the worker (`stream`).
 */
async function arrival(url: string, mode: 'whole' | 'stream') {
  show(null);
  performance.clearResourceTimings();
  await nextPaint();
  const started = performance.now();
  const response = await fetch(url, { cache: 'no-store' });
  const headersMs = performance.now() - started;
  let firstSnapshotMs = NaN;
  let firstRows = NaN;
  let firstRowCount = 0;
  let decoded;
  if (mode === 'whole') {
    decoded = await decodeInWorker(await response.arrayBuffer());
  } else {
    let painting: Promise<number> | null = null;
    decoded = await decodeStreamInWorker(response.body!, ({ dataSet }) => {
      if (painting) return;
      firstSnapshotMs = performance.now() - started;
      firstRowCount = dataSet.primaryResults[0]?.rowCount ?? 0;
      show(dataSet, true);
      painting = nextPaint();
    });
    if (painting) firstRows = await painting;
  }
  if (!decoded.result.ok) throw new Error(decoded.result.error.message);
  show(decoded.result.dataSet);
  const complete = await nextPaint();
  const lastByte = lastByteOf(url);
  if (Number.isNaN(firstRows)) {
    firstRows = complete;
    firstRowCount = decoded.result.dataSet.primaryResults[0]!.rowCount;
  }
  return { headersMs, firstSnapshotMs, decodeMs: decoded.decodeMs, firstRowsMs: firstRows - started, firstRowCount, lastByteMs: lastByte - started, completeAfterLastByteMs: complete - lastByte };
}

function scroller(): HTMLElement | null {
  let best: HTMLElement | null = null;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('*'))) {
    if (el.scrollHeight > el.clientHeight + 1000 && (!best || el.scrollHeight > best.scrollHeight)) {
      const style = getComputedStyle(el);
      if (style.overflowY === 'auto' || style.overflowY === 'scroll') best = el;
    }
  }
  return best;
}

async function idleFrames(frames: number): Promise<number> {
  const deltas: number[] = [];
  let last = await new Promise<number>((r) => requestAnimationFrame(r));
  for (let f = 0; f < frames; f++) {
    const now = await new Promise<number>((r) => requestAnimationFrame(r));
    deltas.push(now - last);
    last = now;
  }
  return [...deltas].sort((a, b) => a - b)[Math.floor(deltas.length * 0.95)]!;
}

/** (c) rAF deltas while the grid scrolls by a few rows each frame; the idle p95 is this browser's own floor. */
async function scrollFrames(frames: number) {
  const idleP95 = await idleFrames(60);
  const el = scroller();
  if (!el) return { found: false, p95: NaN, max: NaN, frames: 0, scrolledPx: 0, idleP95 };
  const deltas: number[] = [];
  let last = await new Promise<number>((r) => requestAnimationFrame(r));
  for (let f = 0; f < frames; f++) {
    el.scrollTop += f % 60 === 59 ? 20_000 : 240;
    const now = await new Promise<number>((r) => requestAnimationFrame(r));
    deltas.push(now - last);
    last = now;
  }
  const sorted = [...deltas].sort((a, b) => a - b);
  return { found: true, p95: sorted[Math.floor(sorted.length * 0.95)]!, max: sorted[sorted.length - 1]!, frames, scrolledPx: el.scrollTop, idleP95 };
}

Object.assign(window, { bench: { throughput, firstPaint, scrollFrames, arrival } });
document.title = 'ready';
