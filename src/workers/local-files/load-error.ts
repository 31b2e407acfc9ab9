/**
 * Why a file did not become a table, as a value the worker sends to the page: a kind for the UI,
 * and a message that names the file and what to do. Loading one file never touches the tables
 * already open, so nothing is lost when one fails.
 */
export type LocalFileErrorKind =
  /** The bytes are not what the extension says (a .csv that is Parquet, a .json that is CSV…). */
  | 'wrong-content'
  /** A CSV/TSV row with more or fewer fields than the header. */
  | 'ragged'
  /** Not UTF-8 text. */
  | 'encoding'
  /** Bigger than the memory DuckDB-wasm may use in this tab. */
  | 'too-large'
  /** An extension we do not read. */
  | 'unsupported-format'
  /** The bytes parse but not as a table (a JSON scalar, an unsupported Parquet codec…). */
  | 'unreadable';

export class LocalFileError extends Error {
  constructor(
    readonly kind: LocalFileErrorKind,
    message: string,
    /** 1-based line of the problem, when there is one. */
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'LocalFileError';
  }
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'an unknown amount';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
