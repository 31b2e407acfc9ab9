/**
 * Which reader a file gets: chosen by its extension, then checked against its first bytes, so a
 * .csv that is really Parquet or a ZIP fails with a message saying so instead of a table of noise.
 */
import { LocalFileError } from './load-error';

export type LocalFileFormat = 'csv' | 'tsv' | 'json' | 'jsonl' | 'parquet';

const BY_EXTENSION: Record<string, LocalFileFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  parquet: 'parquet',
  pq: 'parquet',
};

export const ACCEPTED_EXTENSIONS = Object.keys(BY_EXTENSION).map((ext) => `.${ext}`);

export function formatFromName(fileName: string): LocalFileFormat {
  const ext = /\.([^.\\/]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const format = BY_EXTENSION[ext];
  if (!format) {
    throw new LocalFileError(
      'unsupported-format',
      `${fileName}: only CSV, TSV, JSON, JSON Lines and Parquet files can be opened (${ACCEPTED_EXTENSIONS.join(', ')}).`,
    );
  }
  return format;
}

/** What the first bytes say the file is, when they say something certain. */
export function sniffContent(head: Uint8Array): 'parquet' | 'zip' | 'gzip' | 'utf16' | 'binary' | 'text' {
  const [b0, b1, b2, b3] = head;
  if (b0 === 0x50 && b1 === 0x41 && b2 === 0x52 && b3 === 0x31) return 'parquet'; // "PAR1"
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) return 'zip'; // also .xlsx
  if (b0 === 0x1f && b1 === 0x8b) return 'gzip';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return 'utf16';
  for (let i = 0; i < head.length; i++) if (head[i] === 0) return 'binary';
  return 'text';
}

const DESCRIBED: Record<ReturnType<typeof sniffContent>, string> = {
  parquet: 'a Parquet file',
  zip: 'a ZIP archive (an Excel workbook is one)',
  gzip: 'gzip-compressed',
  utf16: 'UTF-16 text',
  binary: 'binary data',
  text: 'text',
};

/** Throws when the first bytes contradict the extension. */
export function checkContent(fileName: string, format: LocalFileFormat, head: Uint8Array, tail: Uint8Array): void {
  const content = sniffContent(head);
  if (format === 'parquet') {
    const t = tail.length;
    const endsPar1 = t >= 4 && tail[t - 4] === 0x50 && tail[t - 3] === 0x41 && tail[t - 2] === 0x52 && tail[t - 1] === 0x31;
    if (content !== 'parquet' || !endsPar1) {
      throw new LocalFileError('wrong-content', `${fileName} is not a Parquet file: it reads as ${content === 'parquet' ? 'a cut-off Parquet file (no footer)' : DESCRIBED[content]}.`);
    }
    return;
  }
  if (content === 'utf16') {
    throw new LocalFileError('encoding', `${fileName} is UTF-16 text; save it as UTF-8 and open it again.`, 1);
  }
  if (content !== 'text') {
    throw new LocalFileError('wrong-content', `${fileName} is not ${format === 'jsonl' ? 'JSON Lines' : format.toUpperCase()} text: it reads as ${DESCRIBED[content]}.`);
  }
}
