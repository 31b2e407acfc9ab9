import { describe, expect, it } from 'vitest';
import { useDuckDb } from './duckdb-fixture';
import { VectorChunk } from './chunk';
import { toJson } from './json';
import type { KustoType } from './types';

const db = useDuckDb();

/** Every chunk's fast bytes next to the reference text (toJson of the row-at-a-time cells). */
async function both(sql: string, types: KustoType[]): Promise<{ fast: string; reference: string; rows: number }> {
  const result = await db.conn().stream(sql);
  const fast: string[] = [];
  const reference: string[] = [];
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const c = new VectorChunk(chunk, types);
    const text = c.v2Text();
    expect(text.ends.length).toBe(c.rowCount);
    expect(text.ends[c.rowCount - 1]).toBe(text.bytes.length);
    fast.push(text.bytes.toString('utf8'));
    const refRows: string[] = [];
    for (let r = 0; r < c.rowCount; r++) refRows.push(toJson(c.row(r)));
    reference.push(refRows.join(','));
    rows += c.rowCount;
  }
  return { fast: fast.join('|'), reference: reference.join('|'), rows };
}

describe('VectorChunk v2 text', () => {
  it('writes datetimes with 7 fraction digits, the last tick, pre-1970, year 9999 and nulls', async () => {
    const sql = `SELECT CAST(v AS TIMESTAMP_NS) FROM (VALUES
      (TIMESTAMP_NS '2024-12-12 21:08:06'), (TIMESTAMP_NS '2024-01-01 23:59:59.9999999'),
      (TIMESTAMP_NS '1970-01-01 00:00:00'), (TIMESTAMP_NS '1969-12-31 23:59:59.9999999'),
      (TIMESTAMP_NS '1900-02-28 12:34:56.1234567'), (TIMESTAMP_NS '2000-02-29 00:00:00.0000001'),
      (TIMESTAMP_NS '2262-04-11 23:47:16.8547758'), (NULL)) t(v)`;
    const { fast, reference } = await both(sql, ['datetime']);
    expect(fast).toBe(reference);
    expect(fast).toBe(
      '["2024-12-12T21:08:06.0000000Z"],["2024-01-01T23:59:59.9999999Z"],["1970-01-01T00:00:00.0000000Z"],' +
        '["1969-12-31T23:59:59.9999999Z"],["1900-02-28T12:34:56.1234567Z"],["2000-02-29T00:00:00.0000001Z"],' +
        '["2262-04-11T23:47:16.8547758Z"],[null]',
    );
  });

  it('writes longs exactly, ints, bools and nulls', async () => {
    const sql = `SELECT CAST(a AS BIGINT), CAST(b AS INTEGER), CAST(c AS BOOLEAN) FROM (VALUES
      (9223372036854775807, 2147483647, true), (-9223372036854775808, -2147483648, false),
      (9007199254740993, 0, NULL), (-9007199254740993, -1, true), (9007199254740991, 10, false),
      (0, NULL, true), (NULL, 7, false), (-42, 100, true)) t(a, b, c)`;
    const { fast, reference } = await both(sql, ['long', 'int', 'bool']);
    expect(fast).toBe(reference);
    expect(fast).toContain('[9223372036854775807,2147483647,true],[-9223372036854775808,-2147483648,false],[9007199254740993,0,null]');
  });

  it('writes reals as String(v) does, specials as strings', async () => {
    const sql = `SELECT CAST(v AS DOUBLE) FROM (VALUES ('34.36'), ('-0.05'), ('0.5'), ('-0'), ('1e21'), ('1.5e-7'), ('0.1'),
      ('123456789012.34'), ('99999999999999.99'), ('0.30000000000000004'), ('nan'), ('inf'), ('-inf'), (NULL), ('100'), ('-7.1')) t(v)`;
    const { fast, reference } = await both(sql, ['real']);
    expect(fast).toBe(reference);
    expect(fast).toBe(
      '[34.36],[-0.05],[0.5],[0],[1e+21],[1.5e-7],[0.1],[123456789012.34],[99999999999999.98],[0.30000000000000004],' +
        '["NaN"],["Infinity"],["-Infinity"],[null],[100],[-7.1]',
    );
  });

  it('writes reals with up to three decimals as String(v) does', async () => {
    const sql = `SELECT CAST(v AS DOUBLE) FROM (VALUES ('0.001'), ('-0.005'), ('12.345'), ('0.0005'), ('1.100'), ('-3.010'),
      ('999999999999.999'), ('1234567890123.456'), ('0.999'), ('7.007')) t(v)`;
    const { fast, reference } = await both(sql, ['real']);
    expect(fast).toBe(reference);
    expect(fast).toBe('[0.001],[-0.005],[12.345],[0.0005],[1.1],[-3.01],[999999999999.999],[1234567890123.456],[0.999],[7.007]');
  });

  it('agrees with String(v) on many random and rounded reals', async () => {
    const sql = `SELECT CAST(round((random() - 0.5) * pow(10, (i % 18) - 3), CAST(i % 4 AS INTEGER)) AS DOUBLE),
      CAST((random() - 0.5) * pow(10, (i % 30) - 10) AS DOUBLE) FROM range(0, 20000) t(i)`;
    const { fast, reference, rows } = await both(sql, ['real', 'real']);
    expect(rows).toBe(20000);
    expect(fast).toBe(reference);
  });

  it('escapes strings as JSON.stringify does, inline and pointer strings, unicode, nulls as ""', async () => {
    const sql = `SELECT CAST(v AS VARCHAR) FROM (VALUES ('short'), ('a longer string past twelve bytes'), ('quote " and \\ back'),
      ('tab' || chr(9) || 'nl' || chr(10) || 'cr' || chr(13) || 'bs' || chr(8) || 'ff' || chr(12) || 'ctl' || chr(1) || chr(31)),
      ('ünïcødé ✓ 😀 ' || chr(127) || chr(8232)), (''), (NULL)) t(v)`;
    const { fast, reference } = await both(sql, ['string']);
    expect(fast).toBe(reference);
    expect(fast).toContain('["quote \\" and \\\\ back"]');
    expect(fast).toContain('["tab\\tnl\\ncr\\rbs\\bff\\fctl\\u0001\\u001f"]');
    expect(fast.endsWith('[""],[""]')).toBe(true);
  });

  it('falls back to encodeValue for the other types (timespan, guid, decimal, dynamic)', async () => {
    const sql = `SELECT INTERVAL '1 day 02:03:04.5' , CAST('8ef2b7e4-3c6b-4a45-9bd0-6f1a5a0c9b0e' AS UUID), CAST(1.25 AS DECIMAL(38,10)),
      CAST('{"a":[1,2.5,"x"],"b":null}' AS JSON), CAST('"s"' AS JSON), CAST(NULL AS JSON)`;
    const { fast, reference } = await both(sql, ['timespan', 'guid', 'decimal', 'dynamic', 'dynamic', 'dynamic']);
    expect(fast).toBe(reference);
    expect(fast).toBe('["1.02:03:04.5000000","8ef2b7e4-3c6b-4a45-9bd0-6f1a5a0c9b0e","1.2500000000",{"a":[1,2.5,"x"],"b":null},"s",null]');
  });

  it('spans several chunks with mixed columns', async () => {
    const sql = `SELECT CAST(TIMESTAMP '2024-01-01' + to_seconds(CAST(i * 3 AS BIGINT)) AS TIMESTAMP_NS), 'device-' || CAST(i % 1000 AS VARCHAR),
      CAST(i / 7.0 AS DOUBLE), CAST(i AS BIGINT) FROM range(0, 5000) t(i)`;
    const { fast, reference, rows } = await both(sql, ['datetime', 'string', 'real', 'long']);
    expect(rows).toBe(5000);
    expect(fast).toBe(reference);
  });
});
