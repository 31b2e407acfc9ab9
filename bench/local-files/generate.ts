/**
 * A deterministic CSV of `rows` × 12 columns (~100 bytes a row): a timestamp `t` an hour-bin query
 * groups on, a key `k` of 40 values, a real `x` to average, and nine more of every local type.
 * Same seed, same bytes. Written in blocks so 1M rows never sit in one string.
 */
import { createWriteStream } from 'node:fs';
import { seededRandom } from '../../src/engine/testing/storm-events';

export const HEADER = 't,k,x,id,user,region,ok,latency_ms,bytes,code,host,message';
const REGIONS = ['westeurope', 'northeurope', 'eastus', 'westus2', 'japaneast', 'brazilsouth'];
const WORDS = ['request', 'served', 'cache', 'miss', 'retry', 'timeout', 'upstream', 'ok', 'slow', 'auth'];

export async function writeBenchCsv(path: string, rows: number): Promise<number> {
  const random = seededRandom(20240601);
  const out = createWriteStream(path);
  const start = Date.UTC(2024, 0, 1);
  let bytes = 0;
  const write = (text: string) => new Promise<void>((resolve) => {
    bytes += Buffer.byteLength(text);
    if (out.write(text)) resolve();
    else out.once('drain', () => resolve());
  });
  await write(`${HEADER}\n`);
  let block: string[] = [];
  for (let i = 0; i < rows; i++) {
    const t = new Date(start + Math.floor(random() * 30 * 24 * 3600 * 1000)).toISOString();
    const k = `key${Math.floor(random() * 40)}`;
    const x = (random() * 1000).toFixed(3);
    const region = REGIONS[Math.floor(random() * REGIONS.length)];
    const ok = random() < 0.9 ? 'true' : 'false';
    const latency = (random() * 250).toFixed(2);
    const size = Math.floor(random() * 1_000_000);
    const code = random() < 0.95 ? 200 : 500;
    const host = `host-${Math.floor(random() * 200)}`;
    const message = `${WORDS[Math.floor(random() * 10)]} ${WORDS[Math.floor(random() * 10)]}`;
    block.push(`${t},${k},${x},${i},user${Math.floor(random() * 5000)},${region},${ok},${latency},${size},${code},${host},${message}`);
    if (block.length === 10_000) {
      await write(block.join('\n') + '\n');
      block = [];
    }
  }
  if (block.length) await write(block.join('\n') + '\n');
  await new Promise<void>((resolve) => out.end(resolve));
  return bytes;
}
