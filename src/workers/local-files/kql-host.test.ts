// @vitest-environment node
/// <reference types="node" />
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { setKustoLanguageLoader } from '../../engine/kusto-language';
import type { Planner } from '../../engine/planner';
import { cellText } from '../../kusto/columnar';
import type { ColumnarTable } from '../../kusto/types';
import { openNodeDuckDbWasm } from '../../testing/duckdb-wasm-node';
import type { LocalDuckDb } from './duckdb-wasm';
import { createLocalPlanner, isWasmTrap, type KqlResult, LocalSchema, registerEngineMacros, runKql } from './kql-host';
import { loadLocalFile } from './load-file';

let db: LocalDuckDb;
let planner: Planner;
const schema = new LocalSchema();

beforeAll(async () => {
  db = await openNodeDuckDbWasm();
  registerEngineMacros(db);
  setKustoLanguageLoader(() => {
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  });
  planner = createLocalPlanner(schema);
  // The parser's first parse costs seconds (its JIT warm-up): paid here, not by the first test.
  planner.warm();
  const hours = ['t,k,x'];
  for (let i = 0; i < 48; i++) hours.push(`2024-03-01T${String(i % 24).padStart(2, '0')}:${i < 24 ? '05' : '35'}:00Z,${i % 2 === 0 ? 'a' : 'b'},${i}`);
  const files = [
    new File([hours.join('\n')], 'metrics.csv'),
    new File(['{"k":"a","label":"Alpha","tags":[1,2]}\n{"k":"b","label":"Beta","tags":{"x":1}}\n'], 'keys.jsonl'),
  ];
  for (const file of files) {
    const table = await loadLocalFile(db, file, file.name.replace(/\..*$/, ''));
    schema.set(table.name, table.columns);
  }
}, 120_000);

const never = () => false;
const turn = () => Promise.resolve();

async function run(csl: string): Promise<KqlResult> {
  const answer = await runKql(db, planner, csl, {}, never, turn);
  if (answer.kind !== 'done') throw new Error('cancelled');
  return answer.result;
}

function texts(table: ColumnarTable | undefined): string[][] {
  if (!table) throw new Error('no table');
  return Array.from({ length: table.rowCount }, (_, r) => table.columns.map((c) => cellText(c, r)));
}

async function refusal(csl: string): Promise<{ code: string; message: string }> {
  try {
    await run(csl);
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error(`expected ${csl} to fail`);
}

describe('KQL over local files on DuckDB-wasm', () => {
  it('summarizes by bin() of a datetime into typed columnar cells', async () => {
    const { tables } = await run('metrics | summarize n = count(), avg_x = avg(x) by bin(t, 1h), k | where t < datetime(2024-03-01T02:00:00Z) | order by t asc, k asc');
    const [table] = tables;
    expect(table?.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['t:datetime', 'k:string', 'n:long', 'avg_x:real']);
    expect(texts(table)).toEqual([
      ['2024-03-01T00:00:00Z', 'a', '2', '12'],
      ['2024-03-01T01:00:00Z', 'b', '2', '13'],
    ]);
  });

  it('joins two files and keeps render properties', async () => {
    const { tables, visualizations } = await run('metrics | join kind=inner (keys) on k | summarize total = sum(x) by label | order by label asc | render columnchart');
    expect(texts(tables[0])).toEqual([['Alpha', String([...Array(24).keys()].reduce((s, i) => s + 2 * i, 0))], ['Beta', String([...Array(24).keys()].reduce((s, i) => s + 2 * i + 1, 0))]]);
    expect(visualizations.get(0)?.['Visualization']).toBe('columnchart');
  });

  it('passes dynamic values through as JSON text and timespans in Kusto spelling', async () => {
    const { tables } = await run("keys | project k, tags, span = 1d + 90m, lit = dynamic({'a': [1]}) | order by k asc");
    expect(texts(tables[0])).toEqual([
      ['a', '[1,2]', '1.01:30:00', '{"a":[1]}'],
      ['b', '{"x":1}', '1.01:30:00', '{"a":[1]}'],
    ]);
  });

  it('refuses dynamic operations that need the JSON extension, naming the construct', async () => {
    const member = await refusal('keys | extend x = tags.x');
    expect(member.code).toBe('UnsupportedFunction');
    expect(member.message).toMatch(/KQL on local files does not support the dynamic member access 'tags\.x'.*JSON extension/);
    expect((await refusal('keys | summarize make_list(k)')).message).toMatch(/'make_list' aggregate/);
    expect((await refusal('keys | extend b = bag_pack("k", k)')).message).toMatch(/'bag_pack' function/);
    expect((await refusal('keys | mv-expand tags')).message).toMatch(/'mv-expand' operator/);
  });

  it('pivots with a discovery query first, pivot columns in the order the values first appear', async () => {
    const { tables } = await run('metrics | where t < datetime(2024-03-01T03:00:00Z) | project k, hour = hourofday(t), x | evaluate pivot(k, sum(x), hour)');
    const [table] = tables;
    expect(table?.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['hour:int', 'a:long', 'b:long']);
    // Rows i = 0, 1, 2 (hh:05) and 24, 25, 26 (hh:35); k = a for even i, x = i.
    expect(texts(table)).toEqual([
      ['0', '24', '0'],
      ['1', '0', '26'],
      ['2', '28', '0'],
    ]);
    expect((await refusal('keys | extend d = tags | evaluate bag_unpack(d)')).message).toMatch(/'evaluate bag_unpack' operator.*JSON extension/);
  });

  it('reports a syntax error with its position', async () => {
    const error = (await refusal('metrics\n| where x >')) as { code: string; position?: { line: number } };
    expect(error.position?.line).toBe(2);
  });

  it('cancels a running query in DuckDB', async () => {
    let polls = 0;
    const answer = await runKql(db, planner, 'range i from 1 to 300000000 step 1 | summarize sum(i)', {}, () => ++polls > 2, turn);
    expect(answer.kind).toBe('cancelled');
  });

  it('tells a WebAssembly trap from an ordinary failure', () => {
    expect(isWasmTrap(new WebAssembly.RuntimeError('unreachable'))).toBe(true);
    expect(isWasmTrap(new Error('Binder Error: column x not found'))).toBe(false);
  });
});
