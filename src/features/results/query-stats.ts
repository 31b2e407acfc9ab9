/**
 * The numbers of a stats line, read from the QueryResourceConsumption payload
 * (https://learn.microsoft.com/kusto/api/rest/response-v2). Every field is optional: older services and the local cluster
 * leave some out, and a missing number is shown as absent rather than as 0.
 */

import { parseKustoTimespan } from '../../kusto/values';

export interface QueryStatsSummary {
  /** Server-side execution time, seconds (`ExecutionTime`). */
  executionSec: number | null;
  /** `resource_usage.cpu["total cpu"]`, milliseconds. */
  cpuMs: number | null;
  /** `resource_usage.memory.peak_per_node`, bytes. */
  peakMemoryBytes: number | null;
  /** `input_dataset_statistics.rows.scanned`. */
  rowsScanned: number | null;
}

function at(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

function num(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

export function readQueryStats(payload: Record<string, unknown> | null): QueryStatsSummary {
  const cpu = at(payload, 'resource_usage', 'cpu', 'total cpu');
  const cpuMs = typeof cpu === 'string' || typeof cpu === 'number' ? parseKustoTimespan(cpu) : NaN;
  return {
    executionSec: num(at(payload, 'ExecutionTime')),
    cpuMs: Number.isNaN(cpuMs) ? null : cpuMs,
    peakMemoryBytes: num(at(payload, 'resource_usage', 'memory', 'peak_per_node')),
    rowsScanned: num(at(payload, 'input_dataset_statistics', 'rows', 'scanned')),
  };
}

/** "0.031 s", "1.50 s", "2 min 5 s": seconds with precision that fits their size. */
export function formatSeconds(seconds: number): string {
  if (seconds < 1) return `${seconds.toFixed(3)} s`;
  if (seconds < 60) return `${seconds.toFixed(2)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** "512 B", "12.3 MB" (powers of 1024, as Kusto's own tools show memory). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}
