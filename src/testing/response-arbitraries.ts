/**
 * fast-check arbitraries for query responses in the shapes the service writes
 * (https://learn.microsoft.com/kusto/api/rest/response-v2 and .../response), and for the damage a
 * network or a broken proxy does to them: cut short, bytes changed, inserted or dropped, two
 * bodies spliced together.
 */

import fc from 'fast-check';
import {
  col, dataSetCompletion, dataSetHeader, dataTable, queryCompletionInformation, tableCompletion, tableFragment,
  jsonWithBigInts, tableHeader, tableProgress, toV2Text, type Col, type Frame,
} from './v2-factories';

const TYPES = ['bool', 'int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'guid', 'string', 'dynamic'] as const;
type WireType = (typeof TYPES)[number];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** One cell of a type, as the service writes it in JSON (bigint for Int64: toV2Text writes its digits). */
function cell(type: WireType): fc.Arbitrary<unknown> {
  const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 5 });
  switch (type) {
    case 'bool': return nullable(fc.boolean());
    case 'int': return nullable(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }));
    case 'long': return nullable(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
    case 'real': return nullable(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('NaN', 'Infinity', '-Infinity')));
    case 'decimal': return nullable(fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat(999999)).map(([i, f]) => `${i}.${f}`));
    case 'datetime': return nullable(fc.tuple(fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }), fc.nat(9999))
      .map(([d, ticks]) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${pad(ticks, 4)}Z`));
    case 'timespan': return nullable(fc.tuple(fc.boolean(), fc.nat(10000), fc.nat(23), fc.nat(59), fc.nat(59), fc.nat(9_999_999))
      .map(([neg, d, h, m, s, f]) => `${neg ? '-' : ''}${d > 0 ? `${d}.` : ''}${pad(h)}:${pad(m)}:${pad(s)}${f > 0 ? `.${pad(f, 7)}` : ''}`));
    case 'guid': return nullable(fc.uuid());
    case 'string': return fc.string({ unit: 'binary', maxLength: 40 });
    case 'dynamic': return nullable(fc.jsonValue({ maxDepth: 3 }));
  }
}

export interface GeneratedTable {
  columns: Col[];
  rows: unknown[][];
}

const columnName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/);

export const tableArbitrary: fc.Arbitrary<GeneratedTable> = fc
  .array(fc.tuple(columnName, fc.constantFrom(...TYPES)), { minLength: 1, maxLength: 5 })
  .chain((columns) => fc.record({
    columns: fc.constant(columns.map(([name, type], i) => col(`${name}${i}`, type))),
    rows: fc.array(fc.tuple(...columns.map(([, type]) => cell(type))), { maxLength: 8 }),
  }));

/** A valid v2 body and the row count of each PrimaryResult it holds. */
export interface GeneratedResponse {
  text: string;
  rowCounts: number[];
}

/** Whole tables in DataTable frames, as the service answers a non-progressive query. */
const wholeV2 = fc.array(tableArbitrary, { minLength: 1, maxLength: 3 }).map((tables): GeneratedResponse => {
  const frames: Frame[] = [dataSetHeader()];
  tables.forEach((t, i) => frames.push(dataTable(i + 1, t.columns, t.rows)));
  frames.push(queryCompletionInformation(tables.length + 1), dataSetCompletion());
  return { text: toV2Text(frames), rowCounts: tables.map((t) => t.rows.length) };
});

/** One table sent progressively: header, appended fragments, progress, completion. */
const progressiveV2 = fc.tuple(tableArbitrary, fc.integer({ min: 1, max: 4 })).map(([t, pieces]): GeneratedResponse => {
  const frames: Frame[] = [dataSetHeader({ IsProgressive: true }), tableHeader(1, t.columns)];
  const size = Math.ceil(t.rows.length / pieces) || 1;
  for (let start = 0; start < t.rows.length; start += size) {
    frames.push(tableFragment(1, t.rows.slice(start, start + size), 'DataAppend', t.columns.length), tableProgress(1, 50));
  }
  frames.push(tableCompletion(1, t.rows.length), dataSetCompletion());
  return { text: toV2Text(frames), rowCounts: [t.rows.length] };
});

export const v2ResponseArbitrary: fc.Arbitrary<GeneratedResponse> = fc.oneof(wholeV2, progressiveV2);

/** A v1 body (`{"Tables":[…]}`) as `/v1/rest/mgmt` answers a command: one table, the PrimaryResult. */
export const v1ResponseArbitrary: fc.Arbitrary<GeneratedResponse> = tableArbitrary.map((t): GeneratedResponse => ({
  text: jsonWithBigInts({ Tables: [{ TableName: 'Table_0', Columns: t.columns, Rows: t.rows }] }),
  rowCounts: [t.rows.length],
}));

/** Bytes a broken body is likely to hold: JSON's structure, escapes, digits, multi-byte UTF-8 lead and trail bytes, anything. */
const noiseByte = fc.oneof(
  fc.constantFrom(...'[]{}",:\\-.0123456789eEntrufalsNI \n'.split('').map((c) => c.charCodeAt(0))),
  fc.constantFrom(0x00, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf4, 0xff),
  fc.integer({ min: 0, max: 255 }),
);

const MUTATIONS = ['truncate', 'set', 'insert', 'delete', 'repeat', 'splice'] as const;

/** One change to a body; positions are fractions of its length, so one mutation fits any body. */
interface Mutation {
  kind: (typeof MUTATIONS)[number];
  at: number;
  byte: number;
  bytes: number[];
  length: number;
  otherAt: number;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATIONS),
  at: fraction,
  byte: noiseByte,
  bytes: fc.array(noiseByte, { minLength: 1, maxLength: 8 }),
  length: fc.integer({ min: 1, max: 64 }),
  otherAt: fraction,
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function mutate(body: Uint8Array, other: Uint8Array, m: Mutation): Uint8Array {
  const i = Math.floor(m.at * body.length);
  switch (m.kind) {
    case 'truncate': return body.slice(0, i);
    case 'set': {
      const out = body.slice();
      if (i < out.length) out[i] = m.byte;
      return out;
    }
    case 'insert': return concat(body.subarray(0, i), Uint8Array.from(m.bytes), body.subarray(i));
    case 'delete': return concat(body.subarray(0, i), body.subarray(i + m.length));
    case 'repeat': return concat(body.subarray(0, i + m.length), body.subarray(i));
    // The start of one body and the end of another: what a retried or interleaved stream looks like.
    case 'splice': return concat(body.subarray(0, i), other.subarray(Math.floor(m.otherAt * other.length)));
  }
}

const utf8 = new TextEncoder();

/** A valid body of `responses`, damaged by one to four mutations (a splice takes its tail from a second valid body). */
export function damagedBodyArbitrary(responses: fc.Arbitrary<GeneratedResponse>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(responses, responses, fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 }))
    .map(([a, b, mutations]) => {
      const other = utf8.encode(b.text);
      return mutations.reduce<Uint8Array>((body, m) => mutate(body, other, m), utf8.encode(a.text));
    });
}
