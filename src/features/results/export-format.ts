/**
 * "Copy results as HTML": the query, then the result as an HTML table, with a TSV text fallback of
 * the same rows. The table forms themselves live in src/kusto/table-export.ts (shared with Share).
 */

import { htmlTable, htmlText, PASTE_MAX_ROWS, rowTotal, tableToTsv, type FormulaPolicy, type RowOrder } from '../../kusto/table-export';
import type { ColumnarTable } from '../../kusto/types';

export interface ResultsClipboard {
  html: string;
  text: string;
  /** Rows copied; fewer than the table's when it exceeded `maxRows`. */
  rows: number;
}

/** The query, then the result as an HTML table, with a plain-text (TSV) fallback of the same rows. */
export function resultsAsHtml(query: string, table: ColumnarTable, order: RowOrder = null, maxRows = PASTE_MAX_ROWS, formulas: FormulaPolicy = 'neutralize'): ResultsClipboard {
  const rows = Math.min(rowTotal(table, order), maxRows);
  const html = (query.trim() === '' ? '' : `<pre><code>${htmlText(query)}</code></pre>`) + htmlTable(table, order, rows);
  const tsv = tableToTsv(table, order, rows, formulas);
  const text = query.trim() === '' ? tsv : `${query}\r\n\r\n${tsv}`;
  return { html, text, rows };
}

/** "1 row", "2 rows": the count in an export's status line. */
export function rowsText(count: number): string {
  return `${count} ${count === 1 ? 'row' : 'rows'}`;
}
