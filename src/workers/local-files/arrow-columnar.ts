/**
 * A translated query's result, from DuckDB-wasm's Arrow batches to the app's columnar tables (the
 * shape the decode worker makes from a v2 response), without a JS value per cell where Arrow
 * already holds a typed buffer: numbers, datetimes and UTF-8 text are copied buffer to buffer.
 *
 * `resultSql` wraps the planner's SQL so every column arrives in a form these buffers read
 * directly: datetimes as epoch nanoseconds (Kusto's 100 ns ticks survive; Arrow's JS timestamp
 * getter gives milliseconds), timespans as microseconds, guid/decimal/dynamic as text.
 */
import type { Table, Vector } from 'apache-arrow';
import { ColumnBuilder } from '../../kusto/columnar';
import type { ColumnarColumn, ColumnarTable } from '../../kusto/types';
import type { KustoColumn } from '../../engine/types';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The planner's SQL with each column converted for `arrowToColumnar`. */
export function resultSql(sql: string, columns: readonly KustoColumn[]): string {
  if (columns.length === 0) return sql;
  const items = columns.map((c, i) => {
    const col = `__r.${quote(c.ColumnName)}`;
    const as = ` AS "c${i}"`;
    switch (c.ColumnType) {
      case 'datetime': return `epoch_ns(${col})${as}`;
      case 'timespan': return `CAST(round(epoch(${col}) * 1000000) AS BIGINT)${as}`;
      case 'guid': case 'decimal': case 'dynamic': return `CAST(${col} AS VARCHAR)${as}`;
      default: return `${col}${as}`;
    }
  });
  return `SELECT ${items.join(', ')} FROM (${sql}) AS __r`;
}

interface ArrowData {
  length: number;
  offset: number;
  nullCount: number;
  nullBitmap: Uint8Array | null | undefined;
  values: ArrayLike<number | bigint> & { subarray?: unknown };
  valueOffsets?: Int32Array | BigInt64Array;
}

/** Arrow's validity bit (set = a value) at row `i` of a batch. */
function isValid(d: ArrowData, i: number): boolean {
  if (d.nullCount === 0 || !d.nullBitmap || d.nullBitmap.length === 0) return true;
  const bit = d.offset + i;
  return ((d.nullBitmap[bit >> 3] ?? 0) & (1 << (bit & 7))) !== 0;
}

const MICROS_PER_DAY = 86_400_000_000n;

/** Kusto's timespan text `[-][d.]hh:mm:ss[.fffffff]` of a number of microseconds. */
export function timespanText(micros: bigint): string {
  const negative = micros < 0n;
  let t = negative ? -micros : micros;
  const days = t / MICROS_PER_DAY;
  t %= MICROS_PER_DAY;
  const two = (n: bigint) => n.toString().padStart(2, '0');
  const h = t / 3_600_000_000n;
  const m = (t / 60_000_000n) % 60n;
  const s = (t / 1_000_000n) % 60n;
  const f = t % 1_000_000n;
  return `${negative ? '-' : ''}${days > 0n ? `${days}.` : ''}${two(h)}:${two(m)}:${two(s)}${f > 0n ? `.${f.toString().padStart(6, '0')}0` : ''}`;
}

function fillColumn(builder: ColumnBuilder, vector: Vector, column: KustoColumn): void {
  let row = 0;
  const text = builder.text;
  for (const data of vector.data as unknown as ArrowData[]) {
    const n = data.length;
    switch (column.ColumnType) {
      case 'string': case 'guid': case 'decimal': case 'dynamic': {
        const offsets = data.valueOffsets as Int32Array;
        const bytes = data.values as unknown as Uint8Array;
        for (let i = 0; i < n; i++, row++) {
          if (isValid(data, i)) {
            const start = offsets[data.offset + i]!;
            text!.appendBytes(bytes, start, offsets[data.offset + i + 1]!);
          } else if (column.ColumnType !== 'string') builder.setNull(row);
          text!.offsets[row + 1] = text!.length;
        }
        break;
      }
      case 'datetime': {
        const values = data.values as BigInt64Array;
        for (let i = 0; i < n; i++, row++) {
          if (!isValid(data, i)) {
            builder.setNull(row);
            continue;
          }
          const ns = values[data.offset + i]!;
          const ticks = ns / 100n;
          let sub = Number(ticks % 10_000n);
          if (sub < 0) sub += 10_000;
          const ms = Number((ticks - BigInt(sub)) / 10_000n);
          builder.f64[row] = ms + sub / 10_000;
          builder.u16[row] = sub;
        }
        break;
      }
      case 'timespan': {
        const values = data.values as BigInt64Array;
        for (let i = 0; i < n; i++, row++) {
          if (isValid(data, i)) {
            const micros = values[data.offset + i]!;
            builder.f64[row] = Number(micros) / 1000;
            text!.appendString(timespanText(micros));
          } else builder.setNull(row);
          text!.offsets[row + 1] = text!.length;
        }
        break;
      }
      case 'long': {
        const values = data.values as BigInt64Array;
        for (let i = 0; i < n; i++, row++) {
          if (!isValid(data, i)) builder.setNull(row);
          else builder.i64[row] = values[data.offset + i]!;
        }
        break;
      }
      case 'int': case 'real': {
        const values = data.values as Int32Array | Float64Array;
        const out = column.ColumnType === 'int' ? builder.i32 : builder.f64;
        for (let i = 0; i < n; i++, row++) {
          if (!isValid(data, i)) builder.setNull(row);
          else out[row] = values[data.offset + i]!;
        }
        break;
      }
      case 'bool': {
        // Bit-packed values: read through the vector.
        for (let i = 0; i < n; i++, row++) {
          const v = vector.get(row) as boolean | null;
          if (v === null) builder.setNull(row);
          else builder.u8[row] = v ? 1 : 0;
        }
        break;
      }
    }
  }
}

/** One PrimaryResult table from the Arrow result of `resultSql`. */
export function arrowToColumnar(table: Table, columns: readonly KustoColumn[], tableId: number): ColumnarTable {
  const rowCount = table.numRows;
  const out: ColumnarColumn[] = columns.map((c, i) => {
    const builder = new ColumnBuilder(c.ColumnName, c.ColumnType, rowCount);
    const vector = table.getChildAt(i);
    if (vector) fillColumn(builder, vector, c);
    return builder.finish(rowCount);
  });
  return { tableId, tableKind: 'PrimaryResult', tableName: 'PrimaryResult', rowCount, columns: out };
}
