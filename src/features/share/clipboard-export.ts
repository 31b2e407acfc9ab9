/**
 * "Copy query + link + results" for chat and e-mail: an HTML fragment (Outlook, Teams and Slack
 * paste it as a table) and Markdown as the plain-text flavour (GitHub, most chats). Cell values are
 * data from the cluster: escaped for HTML, and `|` / newlines escaped for Markdown tables.
 */
import { formatCell } from '../../kusto/columnar';
import type { ColumnarTable } from '../../kusto/types';

/** Rows pasted at most: a chat message with thousands of rows helps no one and some clients cap paste size. */
export const CLIP_MAX_ROWS = 100;

export interface ShareClipInput {
  query: string;
  clusterUrl: string;
  database: string;
  /** null when the link was refused (too long); the clip says so instead. */
  link: string | null;
  table: ColumnarTable | null;
  maxRows?: number;
}

export interface ShareClip {
  html: string;
  text: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function escapeMarkdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

export function toMarkdownTable(table: ColumnarTable, maxRows = CLIP_MAX_ROWS): string {
  const shown = Math.min(table.rowCount, maxRows);
  const lines = [
    `| ${table.columns.map((c) => escapeMarkdownCell(c.name)).join(' | ')} |`,
    `| ${table.columns.map((c) => (['int', 'long', 'real', 'decimal'].includes(c.type) ? '--:' : '---')).join(' | ')} |`,
  ];
  for (let r = 0; r < shown; r++) lines.push(`| ${table.columns.map((c) => escapeMarkdownCell(formatCell(c, r))).join(' | ')} |`);
  return lines.join('\n');
}

export function toHtmlTable(table: ColumnarTable, maxRows = CLIP_MAX_ROWS): string {
  const shown = Math.min(table.rowCount, maxRows);
  const cell = 'style="border:1px solid #ccc;padding:2px 6px"';
  const head = table.columns.map((c) => `<th ${cell}>${escapeHtml(c.name)}</th>`).join('');
  const rows: string[] = [];
  for (let r = 0; r < shown; r++) rows.push(`<tr>${table.columns.map((c) => `<td ${cell}>${escapeHtml(formatCell(c, r))}</td>`).join('')}</tr>`);
  return `<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function rowsNote(table: ColumnarTable, maxRows: number): string | null {
  return table.rowCount > maxRows ? `First ${maxRows} of ${table.rowCount} rows.` : null;
}

export function composeShareClip(input: ShareClipInput): ShareClip {
  const maxRows = input.maxRows ?? CLIP_MAX_ROWS;
  const where = `${input.clusterUrl} / ${input.database}`;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(input.query) + 1));
  const note = input.table ? rowsNote(input.table, maxRows) : null;

  const text = [
    input.link ? `[${where}](${input.link})` : `${where} (the link is too long to share)`,
    '',
    `${fence}kusto`,
    input.query,
    fence,
    ...(input.table ? ['', toMarkdownTable(input.table, maxRows)] : []),
    ...(note ? ['', `_${note}_`] : []),
  ].join('\n');

  const html = [
    input.link ? `<p><a href="${escapeHtml(input.link)}">${escapeHtml(where)}</a></p>` : `<p>${escapeHtml(where)} (the link is too long to share)</p>`,
    `<pre><code>${escapeHtml(input.query)}</code></pre>`,
    input.table ? toHtmlTable(input.table, maxRows) : '',
    note ? `<p><em>${escapeHtml(note)}</em></p>` : '',
  ].join('');

  return { html, text };
}

/** What the share actions need from the clipboard; the browser's by default, a fake in tests. */
export interface ShareClipboard {
  writeText(text: string): Promise<void>;
  writeRich(clip: ShareClip): Promise<void>;
}

export const browserClipboard: ShareClipboard = {
  writeText: (text) => navigator.clipboard.writeText(text),
  async writeRich(clip) {
    // ClipboardItem: Chromium 76+, Safari 13.1+, Firefox 127+; older ones get the Markdown only.
    if (typeof ClipboardItem === 'undefined' || typeof navigator.clipboard.write !== 'function') {
      await navigator.clipboard.writeText(clip.text);
      return;
    }
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/html': new Blob([clip.html], { type: 'text/html' }),
        'text/plain': new Blob([clip.text], { type: 'text/plain' }),
      }),
    ]);
  },
};
