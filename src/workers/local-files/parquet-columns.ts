/**
 * Parquet into columns with hyparquet (pure JavaScript): the stock DuckDB-wasm build reads Parquet
 * only through the parquet extension, which it would fetch from the network. Column types come
 * from the file's schema; nested columns (lists, maps, groups) are dynamic.
 */
import { parquetMetadata, parquetRead, type FileMetaData, type SchemaElement } from 'hyparquet';
import type { JsColumn } from './js-columns';
import type { LocalKustoType } from './kusto-columns';
import { LocalFileError } from './load-error';
import { errorText } from '../../lib/error-text';

/** The Kusto type a top-level Parquet column declares, or undefined to infer it from the values. */
function declaredType(element: SchemaElement): LocalKustoType | undefined {
  if (element.num_children) return 'dynamic';
  if (element.repetition_type === 'REPEATED') return 'dynamic';
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (logical === 'TIMESTAMP' || logical === 'DATE' || converted === 'DATE' || converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'datetime';
  if (logical === 'JSON' || converted === 'JSON') return 'dynamic';
  if (logical === 'DECIMAL' || converted === 'DECIMAL') return 'real';
  switch (element.type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
    case 'INT64':
      return 'long';
    case 'FLOAT':
    case 'DOUBLE':
      return 'real';
    case 'INT96':
      return 'datetime';
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return 'string';
    default:
      return undefined;
  }
}

/** The top-level columns of a flattened Parquet schema (depth-first, `num_children` per group). */
function topLevelColumns(schema: readonly SchemaElement[]): SchemaElement[] {
  const out: SchemaElement[] = [];
  const root = schema[0];
  let at = 1;
  const skip = (index: number): number => {
    const element = schema[index];
    let next = index + 1;
    for (let c = 0; c < (element?.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  for (let c = 0; c < (root?.num_children ?? 0); c++) {
    const element = schema[at];
    if (element) out.push(element);
    at = skip(at);
  }
  return out;
}

export async function parquetColumns(fileName: string, bytes: ArrayBuffer): Promise<JsColumn[]> {
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(bytes);
  } catch (error) {
    throw new LocalFileError('unreadable', `${fileName}: the Parquet footer cannot be read (${errorText(error)}).`);
  }
  const elements = topLevelColumns(metadata.schema);
  const rowCount = Number(metadata.num_rows);
  const columns: JsColumn[] = elements.map((e) => ({ name: e.name, values: new Array<unknown>(rowCount), declared: declaredType(e) }));
  try {
    await parquetRead({
      file: bytes,
      metadata,
      rowFormat: 'array',
      onComplete: (rows: unknown[][]) => {
        rows.forEach((row, r) => columns.forEach((column, c) => (column.values[r] = row[c] ?? null)));
      },
    });
  } catch (error) {
    const message = errorText(error);
    const codec = /unsupported compression codec: (\w+)/.exec(message)?.[1];
    throw new LocalFileError(
      'unreadable',
      codec ? `${fileName} is compressed with ${codec}, which this reader does not decode; write it with Snappy or no compression.` : `${fileName}: ${message}`,
    );
  }
  return columns;
}
