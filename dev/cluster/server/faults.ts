/**
 * Test-only fault switches (README.md). Parsed from the `x-ms-local-fault` header or the
 * `local_fault` request option (in Options, or as a leading `set local_fault="…";` statement, the
 * query-text form of a request option), e.g. "latency=300", "throttle", "server-error=500", "cut",
 * "pace=500", "malformed", "claims-challenge", "throttle,times=1", or several joined by commas. Ignored unless the cluster was
 * started with testSwitches: true.
 */
export interface Faults {
  latencyMs?: number;
  throttle?: boolean;
  serverErrorStatus?: number;
  /** Destroy the connection after this many writes of the response. */
  cutAfterWrites?: number;
  /** Wait this long after each write of the response: a slow stream (rows trickle in). */
  paceMs?: number;
  malformed?: boolean;
  /**
   * Answer 401 with a claims challenge (`error="insufficient_claims"`) unless the token carries
   * this Conditional Access authentication context in `acrs`: one challenge, then the token the
   * client fetched with the claims passes.
   */
  claimsChallenge?: string;
  /**
   * `throttle` and `server-error` answer only the first n tries of one request (the tries a
   * client makes carry one client request id); later tries are served: a fault that passes.
   */
  times?: number;
}

/** The authentication context `claims-challenge` asks for when no value is given. */
export const DEFAULT_CHALLENGE_ACRS = 'c1';

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
    if (name === 'claims-challenge') {
      if (rawValue !== undefined && !/^[\w.-]+$/.test(rawValue)) throw new FaultSyntaxError(`fault '${item}' needs an authentication context id like c1`);
      faults.claimsChallenge = rawValue || DEFAULT_CHALLENGE_ACRS;
      continue;
    }
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
      case 'pace':
        faults.paceMs = num ?? 500;
        break;
      case 'times':
        if (num === undefined || !Number.isInteger(num) || num < 1) throw new FaultSyntaxError(`fault '${item}' needs a whole number of tries, 1 or more`);
        faults.times = num;
        break;
      default:
        throw new FaultSyntaxError(`unknown fault '${name}' (known: latency=<ms>, throttle, server-error[=status], cut[=writes], pace=<ms>, malformed, claims-challenge[=acrs], times=<n>)`);
    }
  }
  return faults;
}

/** A frame line that breaks the JSON array: what a corrupting proxy or a server bug would produce. */
export const MALFORMED_FRAME = '\n,{"FrameType":"TableFragment","TableId":1,"Rows":[[1,\n';

/**
 * The `WWW-Authenticate` of a claims challenge, in the shape Entra-protected APIs send it:
 * `claims` is the base64 of a claims request for the authentication context
 * (learn.microsoft.com/entra/identity-platform/claims-challenge).
 */
export function claimsChallengeHeader(authorizationUri: string, acrs: string): string {
  const claims = Buffer.from(JSON.stringify({ access_token: { acrs: { essential: true, value: acrs } } }), 'utf8').toString('base64');
  return `Bearer realm="", authorization_uri="${authorizationUri}", error="insufficient_claims", claims="${claims}"`;
}
