/**
 * JSON writer for response frames. JSON.stringify cannot write a bigint as bare digits and turns
 * NaN/Infinity into null; Kusto writes longs as exact digits (up to 9223372036854775807) and real
 * specials as the strings "NaN", "Infinity", "-Infinity" (src/kusto/README.md, "Responses").
 */
export function toJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value);
      return Number.isNaN(value) ? '"NaN"' : value > 0 ? '"Infinity"' : '"-Infinity"';
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
    case 'function':
    case 'symbol':
      return 'null';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += toJson(value[i]);
        }
        return out + ']';
      }
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      let out = '{';
      let first = true;
      for (const [key, item] of Object.entries(value)) {
        if (item === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += JSON.stringify(key) + ':' + toJson(item);
      }
      return out + '}';
    }
  }
  return 'null';
}

/** Rows of a fragment or table as a JSON array text. */
export function rowsToJson(rows: readonly unknown[][]): string {
  let out = '[';
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) out += ',';
    const row = rows[i];
    out += row === undefined ? '[]' : toJson(row);
  }
  return out + ']';
}
