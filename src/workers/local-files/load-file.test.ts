// @vitest-environment node
/// <reference types="node" />
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDbWasm } from '../../testing/duckdb-wasm-node';
import type { LocalDuckDb } from './duckdb-wasm';
import { LocalFileError } from './load-error';
import { loadLocalFile, renameLocalTable } from './load-file';

let db: LocalDuckDb;
let folder: string;
beforeAll(async () => {
  db = await openNodeDuckDbWasm();
  folder = mkdtempSync(join(tmpdir(), 'local-files-'));
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const textFile = (name: string, text: string) => new File([text], name);

function rows(table: string, orderBy = 'rowid'): Record<string, unknown>[] {
  const result = db.query(`SELECT * FROM "${table}" ORDER BY ${orderBy}`);
  return result.toArray().map((r) => ({ ...(r as { toJSON(): Record<string, unknown> }).toJSON() }));
}

async function failure(file: File, name = 'T'): Promise<LocalFileError> {
  const error = await loadLocalFile(db, file, name).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof LocalFileError)) throw new Error(`expected a LocalFileError, got ${String(error)}`);
  return error;
}

/** A Parquet file written by DuckDB (node-api), as an analyst's tool would write one. */
async function parquetFile(name: string, select: string): Promise<File> {
  const path = join(folder, name);
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  conn.closeSync();
  instance.closeSync();
  return new File([readFileSync(path)], name);
}

describe('CSV and TSV', () => {
  it('infers long, real, datetime, bool and string, and stores them as the engine does', async () => {
    const csv = 'id,price,at,ok,name\n1,2.5,2024-01-01T10:00:00Z,true,alpha\n2,3,2024-01-02 11:30:00,false,\n';
    const table = await loadLocalFile(db, textFile('sales.csv', csv), 'Sales');
    expect(table.columns).toEqual([
      { name: 'id', type: 'long' },
      { name: 'price', type: 'real' },
      { name: 'at', type: 'datetime' },
      { name: 'ok', type: 'bool' },
      { name: 'name', type: 'string' },
    ]);
    expect(table.rowCount).toBe(2);
    const types = db.query(`SELECT column_type FROM (DESCRIBE "Sales")`).toArray().map((r) => String((r as Record<string, unknown>)['column_type']));
    expect(types).toEqual(['BIGINT', 'DOUBLE', 'TIMESTAMP', 'BOOLEAN', 'VARCHAR']);
    const [first, second] = rows('Sales', 'id');
    expect(first?.['at']).toBe(Date.UTC(2024, 0, 1, 10));
    // Kusto strings are never null: an empty field is an empty string.
    expect(second?.['name']).toBe('');
  });

  it('reads a .tsv with tabs', async () => {
    const table = await loadLocalFile(db, textFile('hosts.tsv', 'host\tcpu\nweb-1\t0.5\nweb-2\t0.75\n'), 'Hosts');
    expect(table.columns).toEqual([
      { name: 'host', type: 'string' },
      { name: 'cpu', type: 'real' },
    ]);
  });

  it('reads a column as string when a value past the sniffed sample is not a number', async () => {
    const lines = ['code,n'];
    for (let i = 0; i < 30_000; i++) lines.push(`${i},${i}`);
    lines.push('n/a,30000');
    const table = await loadLocalFile(db, textFile('codes.csv', lines.join('\n')), 'Codes');
    expect(table.columns).toEqual([
      { name: 'code', type: 'string' },
      { name: 'n', type: 'long' },
    ]);
    expect(table.rowCount).toBe(30_001);
  });

  it('names the line of a ragged row', async () => {
    const error = await failure(textFile('ragged.csv', 'a,b\n1,2\n3,4\n5\n6,7\n'));
    expect(error.kind).toBe('ragged');
    expect(error.line).toBe(4);
    expect(error.message).toBe('ragged.csv: line 4 has 1 fields where the header has 2.');
  });

  it('refuses a quote that never closes as malformed CSV, not as an encoding problem', async () => {
    const error = await failure(textFile('open-quote.csv', 'a,b\n"x,1\n'));
    expect(error.kind).toBe('ragged');
    expect(error.message).toMatch(/^open-quote\.csv/);
  });

  it('names the line that is not UTF-8', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name,n\nok,1\n'), 0x63, 0x61, 0x66, 0xe9, 0x2c, 0x32, 0x0a]);
    const error = await failure(new File([bytes], 'latin1.csv'));
    expect(error.kind).toBe('encoding');
    expect(error.message).toMatch(/^latin1\.csv: line 3 is not UTF-8 text/);
  });

  it('refuses UTF-16 text and says how to fix it', async () => {
    const error = await failure(new File([new Uint8Array([0xff, 0xfe, 0x61, 0x00])], 'wide.csv'));
    expect(error.kind).toBe('encoding');
    expect(error.message).toBe("wide.csv is UTF-16 text; save it as UTF-8 and open it again.");
  });
});

describe('content that is not what the extension says', () => {
  it('refuses a .csv that is Parquet', async () => {
    const parquet = await parquetFile('real.parquet', 'SELECT 1 AS a');
    const error = await failure(new File([await parquet.arrayBuffer()], 'looks.csv'));
    expect(error.kind).toBe('wrong-content');
    expect(error.message).toBe('looks.csv is not CSV text: it reads as a Parquet file.');
  });

  it('refuses a .parquet that is CSV text', async () => {
    const error = await failure(textFile('data.parquet', 'a,b\n1,2\n'));
    expect(error.kind).toBe('wrong-content');
    expect(error.message).toBe('data.parquet is not a Parquet file: it reads as text.');
  });

  it('refuses a .json that is CSV', async () => {
    const error = await failure(textFile('data.json', 'a,b\n1,2\n'));
    expect(error.kind).toBe('wrong-content');
    expect(error.message).toMatch(/^data\.json is not JSON/);
  });

  it('refuses an extension it does not read', async () => {
    expect((await failure(textFile('book.xlsx', 'x'))).kind).toBe('unsupported-format');
  });
});

describe('JSON and JSON Lines', () => {
  it('makes nested and mixed fields dynamic and ISO dates datetime', async () => {
    const json = JSON.stringify([
      { id: 1, tags: ['a', 'b'], at: '2024-03-01T00:00:00Z', v: 1, who: { n: 'x' } },
      { id: 2, tags: { k: 1 }, at: '2024-03-02T12:00:00Z', v: 2.5, extra: true },
    ]);
    const table = await loadLocalFile(db, textFile('events.json', json), 'Events');
    expect(table.columns).toEqual([
      { name: 'id', type: 'long' },
      { name: 'tags', type: 'dynamic' },
      { name: 'at', type: 'datetime' },
      { name: 'v', type: 'real' },
      { name: 'who', type: 'dynamic' },
      { name: 'extra', type: 'bool' },
    ]);
    const [first, second] = rows('Events', 'id');
    expect(first?.['tags']).toBe('["a","b"]');
    expect(second?.['tags']).toBe('{"k":1}');
    expect(second?.['at']).toBe(Date.UTC(2024, 2, 2, 12));
    expect(first?.['extra']).toBeNull();
  });

  it('reads JSON Lines and names a line that is not an object', async () => {
    const table = await loadLocalFile(db, textFile('log.jsonl', '{"level":"info","n":1}\n\n{"level":"warn","n":2}\n'), 'Log');
    expect(table.rowCount).toBe(2);
    const error = await failure(textFile('bad.jsonl', '{"a":1}\n{"a":2}\n{"a":\n'));
    expect(error.line).toBe(3);
    expect(error.message).toBe('bad.jsonl: line 3 is not a JSON object.');
  });
});

describe('Parquet', () => {
  it('takes column types from the schema; lists and structs are dynamic', async () => {
    const file = await parquetFile(
      'orders.parquet',
      `SELECT i::BIGINT AS id, i * 1.5::DOUBLE AS amount, TIMESTAMP '2024-01-01' + INTERVAL (i) HOUR AS at, i % 2 = 0 AS even, 'k' || i AS k, [i, i + 1] AS pair, {'a': i} AS s, 2.0::DOUBLE AS whole FROM range(3) r(i)`,
    );
    const table = await loadLocalFile(db, file, 'Orders');
    expect(table.columns).toEqual([
      { name: 'id', type: 'long' },
      { name: 'amount', type: 'real' },
      { name: 'at', type: 'datetime' },
      { name: 'even', type: 'bool' },
      { name: 'k', type: 'string' },
      { name: 'pair', type: 'dynamic' },
      { name: 's', type: 'dynamic' },
      { name: 'whole', type: 'real' },
    ]);
    const last = rows('Orders', 'id')[2];
    expect(last).toMatchObject({ amount: 3, at: Date.UTC(2024, 0, 1, 2), even: true, k: 'k2', pair: '[2,3]', s: '{"a":2}' });
    expect(Number(last?.['id'])).toBe(2);
  });
});

describe('limits and what a failure leaves', () => {
  it('refuses a file larger than the memory DuckDB may use, with both sizes', async () => {
    const small: LocalDuckDb = { ...db, memoryLimitBytes: 10_000 };
    const error = await loadLocalFile(small, textFile('big.csv', 'a\n' + '1\n'.repeat(10_000)), 'Big').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocalFileError);
    expect((error as LocalFileError).kind).toBe('too-large');
    expect((error as LocalFileError).message).toBe('big.csv is 20 KB; this tab can load files up to 10 KB.');
  });

  it('leaves open tables and no staging behind when a file fails', async () => {
    await loadLocalFile(db, textFile('keep.csv', 'a\n1\n'), 'Keep');
    await failure(textFile('broken.csv', 'a,b\n1\n'), 'Broken');
    const names = db.query(`SELECT table_name FROM duckdb_tables() ORDER BY 1`).toArray().map((r) => String((r as Record<string, unknown>)['table_name']));
    expect(names).toContain('Keep');
    expect(names).not.toContain('Broken');
    expect(names.filter((n) => n.startsWith('staging_') || n.startsWith('csv_rejects'))).toEqual([]);
  });

  it('renames a table', async () => {
    await loadLocalFile(db, textFile('old.csv', 'a\n1\n'), 'OldName');
    renameLocalTable(db, 'OldName', 'NewName');
    expect(rows('NewName')).toHaveLength(1);
  });
});
