/**
 * `npm run bench -- load`: 50 clients at once against the local cluster (identity and cluster
 * in-process on free ports, as bench/cluster), each sending its requests one after another and
 * checking every answer is its own (bench/load/answers.ts): the echoed x-ms-client-request-id,
 * known row counts, every row's values and tag, summaries equal to the ones the cluster gave alone.
 * A 429 is honoured: the client waits `Retry-After` seconds and sends the request again (bounded).
 *
 * Prints: answers verified / mixed up / lost, 429s seen, p50/p95/max latency (first send to
 * verified answer, waits included; and of single 200 attempts), and this process's RSS (cluster,
 * engine, DuckDB — and the 50 clients, which hold one answer each) sampled during the run.
 * Exits 1 on any mixed-up or lost answer.
 */
import { Agent } from 'node:https';
import { readFileSync } from 'node:fs';
import { startBenchStack } from '../cluster/stack';
import { askFor, checkRows, checkStorms, primaryResult, STATES, stormsQuery, type Ask } from './answers';

const CLIENTS = Number(process.env['LOAD_CLIENTS'] ?? 50);
const REQUESTS_PER_CLIENT = Number(process.env['LOAD_REQUESTS'] ?? 12);
/** Sends of one request before it counts as lost (429s only are retried). */
const MAX_ATTEMPTS = 30;
const DEADLINE_MS = 300_000;

interface Reply {
  status: number;
  retryAfter: string | undefined;
  echoedId: string | undefined;
  body: string;
  ms: number;
}

function rssMiB(): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const stack = await startBenchStack();
  const post = async (agent: Agent, db: string, csl: string, clientRequestId: string): Promise<Reply> => {
    const { status, headers, body, ms } = await stack.post(db, csl, { agent, clientRequestId });
    return { status, retryAfter: headers['retry-after'], echoedId: headers['x-ms-client-request-id'] as string | undefined, body, ms };
  };

  try {
    // The summaries each state's query gets alone, one request at a time: what every tagged
    // answer under load must equal.
    const alone = new Map<string, unknown[]>();
    const warmAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    for (const state of STATES) {
      const reply = await post(warmAgent, 'Samples', stormsQuery(state, 'alone'), `KQLW.Bench;alone-${state}`);
      const table = primaryResult(reply.body);
      if (reply.status !== 200 || typeof table === 'string') throw new Error(`${state} alone: HTTP ${reply.status} ${reply.body.slice(0, 300)}`);
      alone.set(state, table.rows[0]!.slice(0, 3));
    }
    warmAgent.destroy();

    const deadline = performance.now() + DEADLINE_MS;
    const latencies: number[] = [];
    const attemptMs: number[] = [];
    const mixedUp: string[] = [];
    const lost: string[] = [];
    let throttled = 0;
    let verified = 0;
    const rssBefore = rssMiB();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB())), 50);

    const check = (ask: Ask, reply: Reply, id: string): string | null => {
      if (reply.echoedId !== id) return `echoed x-ms-client-request-id ${reply.echoedId ?? '(none)'}, sent ${id}`;
      const table = primaryResult(reply.body);
      if (typeof table === 'string') return table;
      return ask.kind === 'rows' ? checkRows(ask, table) : checkStorms(ask, table, alone.get(ask.state)!);
    };

    const client = async (c: number) => {
      // One connection per client, kept alive, as one browser tab has.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let r = 0; r < REQUESTS_PER_CLIENT; r++) {
          const ask = askFor(c, r);
          const started = performance.now();
          let outcome: 'verified' | 'mixed' | 'lost' = 'lost';
          let why = `gave up after ${MAX_ATTEMPTS} attempts`;
          for (let attempt = 1; attempt <= MAX_ATTEMPTS && performance.now() < deadline; attempt++) {
            const id = `KQLW.Bench;${ask.tag}-a${attempt}`;
            let reply: Reply;
            try {
              reply = await post(agent, 'Samples', ask.csl, id);
            } catch (e) {
              why = `network: ${e instanceof Error ? e.message : String(e)}`;
              break;
            }
            if (reply.status === 429) {
              throttled++;
              const seconds = Number(reply.retryAfter);
              if (!Number.isFinite(seconds) || seconds < 0) {
                why = `429 without a usable Retry-After (${reply.retryAfter ?? 'none'})`;
                break;
              }
              // Honour Retry-After; a little jitter keeps the waiting clients from returning in one wave.
              await sleep(seconds * 1000 + Math.random() * 250);
              continue;
            }
            if (reply.status !== 200) {
              why = `HTTP ${reply.status}: ${reply.body.slice(0, 200)}`;
              break;
            }
            attemptMs.push(reply.ms);
            const wrong = check(ask, reply, id);
            if (wrong === null) outcome = 'verified';
            else {
              outcome = 'mixed';
              why = wrong;
            }
            break;
          }
          if (outcome === 'verified') {
            verified++;
            latencies.push(performance.now() - started);
          } else (outcome === 'mixed' ? mixedUp : lost).push(`${ask.tag}: ${why}`);
        }
      } finally {
        agent.destroy();
      }
    };

    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    const wallS = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const rssAfter = rssMiB();

    const total = CLIENTS * REQUESTS_PER_CLIENT;
    const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
    console.log(`${CLIENTS} clients × ${REQUESTS_PER_CLIENT} requests = ${total} requests in ${wallS.toFixed(1)} s (cluster limit: 8 running queries, then 429 + Retry-After)`);
    console.log(`  verified ${verified}   mixed up ${mixedUp.length}   lost ${lost.length}   429s honoured ${throttled}`);
    console.log(`  latency, first send → verified answer (429 waits included): p50 ${fmt(percentile(latencies, 50))}   p95 ${fmt(percentile(latencies, 95))}   max ${fmt(Math.max(...latencies))}`);
    console.log(`  latency of one accepted attempt (HTTP 200 → whole body):  p50 ${fmt(percentile(attemptMs, 50))}   p95 ${fmt(percentile(attemptMs, 95))}   max ${fmt(Math.max(...attemptMs))}`);
    console.log(`  RSS of this process (cluster + engine + DuckDB + clients): before ${rssBefore.toFixed(0)} MiB   peak ${rssPeak.toFixed(0)} MiB   after ${rssAfter.toFixed(0)} MiB`);
    for (const line of [...mixedUp, ...lost].slice(0, 10)) console.log(`  ✗ ${line}`);
    if (mixedUp.length > 0 || lost.length > 0 || verified !== total) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
