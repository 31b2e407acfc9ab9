/** Tabular sources: print, range, datatable. */
import { unsupportedOperator } from '../errors';
import { node, syntaxListElements, type KNode } from '../kusto-language';
import { duckType, quoteIdent } from '../kusto-types';
import { columnsOf, microOf, type OperatorContext, type Relation, req, valueOf } from '../relation';
import { typeOf } from '../values';
import { serialized } from '../windows';

export function print(c: OperatorContext, op: KNode): Relation {
  const cols = columnsOf(op);
  const exprs = syntaxListElements(node(op, 'Expressions'));
  const t = c.scalar();
  // A tuple-valued call (series_stats, array_sort_asc of several arrays) gives one column per part.
  const parts = exprs.flatMap((e) => t.tuple(valueOf(e)) ?? [t.translate(valueOf(e))]);
  // Datetime columns proven whole micros (none claimed when a tuple shifts the columns: always safe).
  const named = parts.length === exprs.length ? exprs.map((e, i) => ({ name: cols[i]?.ColumnName ?? '', value: valueOf(e) })) : [];
  const sel = parts.map((sql, i) => `${sql} AS ${quoteIdent(cols[i]?.ColumnName ?? '')}`);
  if (sel.length !== cols.length) throw unsupportedOperator('print', op);
  return c.qb.add(`SELECT ${sel.join(', ')}`, cols, microOf(t, named));
}
/** range: its rows in order, a serialized row set (Kusto docs "serialize operator"). */
export function range(c: OperatorContext, op: KNode): Relation {
  return serialized(c, rangeRows(c, op));
}

function rangeRows(c: OperatorContext, op: KNode): Relation {
  const cols = columnsOf(op);
  const t = c.scalar();
  const name = quoteIdent(cols[0]?.ColumnName ?? 'value');
  const fromNode = req(op, 'From');
  const toNode = req(op, 'To');
  const from = t.translate(fromNode);
  const to = t.translate(toNode);
  const step = t.translate(req(op, 'Step'));
  if (typeOf(fromNode) === 'datetime') {
    // generate_series takes micros: start on the micro floor and put its sub-micro ticks back on
    // each value; the steps are whole micros, so a value is within `to` iff it is within its
    // micro floor (ascending) or ceiling (descending). Whole-micro bounds need none of that.
    const micro = t.micro(fromNode);
    const start = micro ? from : `kql_floor_us(${from})`;
    const end = t.micro(toNode) ? to : `CASE WHEN epoch_us(${step}) >= 0 THEN kql_floor_us(${to}) ELSE kql_ceil_us(${to}) END`;
    const value = micro ? 'generate_series' : `kql_add_ns(generate_series, epoch_ns(${from}) - epoch_ns(${start}))`;
    return c.qb.add(`SELECT ${value} AS ${name} FROM generate_series(${start}, ${end}, ${step})`, cols, micro ? [cols[0]?.ColumnName ?? 'value'] : []);
  }
  const type = cols[0]?.ColumnType;
  // generate_series has no INTERVAL or DOUBLE form: timespans step in micros, reals by index
  // (start + i × step, i = 0 … floor((stop − start) / step)).
  if (type === 'timespan') {
    return c.qb.add(`SELECT to_microseconds(generate_series) AS ${name} FROM generate_series(epoch_us(${from}), epoch_us(${to}), epoch_us(${step}))`, cols);
  }
  if (type === 'real' || type === 'decimal') {
    const count = `CAST(floor((CAST(${to} AS DOUBLE) - ${from}) / ${step}) AS BIGINT)`;
    return c.qb.add(`SELECT CAST(${from} + generate_series * CAST(${step} AS DOUBLE) AS DOUBLE) AS ${name} FROM generate_series(0, ${count})`, cols);
  }
  // The table function streams; unnest(generate_series()) would build the whole list in memory.
  return c.qb.add(`SELECT generate_series AS ${name} FROM generate_series(${from}, ${to}, ${step})`, cols);
}
export function datatable(c: OperatorContext, op: KNode): Relation {
  const cols = columnsOf(op);
  const values = syntaxListElements(node(op, 'Values'));
  const t = c.scalar();
  if (cols.length === 0 || values.length % cols.length !== 0) throw unsupportedOperator('datatable', op);
  const rows: string[] = [];
  for (let i = 0; i < values.length; i += cols.length) {
    rows.push(`(${cols.map((c, j) => `CAST(${t.translate(values[i + j] as KNode)} AS ${duckType(c.ColumnType)})`).join(', ')})`);
  }
  const names = cols.map((c) => quoteIdent(c.ColumnName)).join(', ');
  const micro = cols.filter((c) => c.ColumnType === 'datetime' && duckType(c.ColumnType) === 'TIMESTAMP').map((c) => c.ColumnName);
  if (rows.length === 0) {
    return c.qb.add(`SELECT ${cols.map((c) => `CAST(NULL AS ${duckType(c.ColumnType)}) AS ${quoteIdent(c.ColumnName)}`).join(', ')} WHERE FALSE`, cols, micro);
  }
  return c.qb.add(`SELECT * FROM (VALUES ${rows.join(', ')}) AS v(${names})`, cols, micro);
}