/**
 * Test-only fault switches (README.md). Parsed from the `x-ms-local-fault` header or the
 * `local_fault` request option, e.g. "latency=300", "throttle", "server-error=500", "cut", "malformed",
 * or several joined by commas. Ignored unless the cluster was started with testSwitches: true.
 */
export interface Faults {
  latencyMs?: number;
  throttle?: boolean;
  serverErrorStatus?: number;
  /** Destroy the connection after this many writes of the response. */
  cutAfterWrites?: number;
  malformed?: boolean;
}

export const FAULT_HEADER = 'x-ms-local-fault';
export const FAULT_OPTION = 'local_fault';

export class FaultSyntaxError extends Error {}

export function parseFaults(text: string | undefined): Faults {
  const faults: Faults = {};
  if (!text) return faults;
  for (const item of text.split(/[,;]/)) {
    const [rawName, rawValue] = item.split('=', 2).map((s) => s.trim());
    if (!rawName) continue;
    const name = rawName.toLowerCase();
    const num = rawValue === undefined || rawValue === '' ? undefined : Number(rawValue);
    if (num !== undefined && !Number.isFinite(num)) throw new FaultSyntaxError(`fault '${item}' needs a number`);
    switch (name) {
      case 'latency':
        faults.latencyMs = num ?? 1000;
        break;
      case 'throttle':
        faults.throttle = true;
        break;
      case 'server-error':
        faults.serverErrorStatus = num ?? 520;
        break;
      case 'cut':
        faults.cutAfterWrites = num ?? 3;
        break;
      case 'malformed':
        faults.malformed = true;
        break;
      default:
        throw new FaultSyntaxError(`unknown fault '${name}' (known: latency=<ms>, throttle, server-error[=status], cut[=writes], malformed)`);
    }
  }
  return faults;
}

/** A frame line that breaks the JSON array: what a corrupting proxy or a server bug would produce. */
export const MALFORMED_FRAME = '\n,{"FrameType":"TableFragment","TableId":1,"Rows":[[1,\n';
