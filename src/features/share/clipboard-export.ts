/**
 * "Copy query + link + results" for chat and e-mail: an HTML fragment (Outlook, Teams and Slack
 * paste it as a table) and Markdown as the plain-text flavour (GitHub, most chats). The tables come
 * from src/kusto/table-export.ts: the same cell text and row order as the results toolbar's copies.
 */
import { htmlTable, htmlText, markdownTable, markdownText, PASTE_MAX_ROWS, rowsCutNote, type RowOrder } from '../../kusto/table-export';
import type { ColumnarTable } from '../../kusto/types';

export interface ShareClipInput {
  query: string;
  clusterUrl: string;
  database: string;
  /** null when the link was refused (too long); the clip says so instead. */
  link: string | null;
  table: ColumnarTable | null;
  /** The rows in the order the user sees them (sorted, filtered); null for table order. */
  order?: RowOrder;
  maxRows?: number;
}

export interface ShareClip {
  html: string;
  text: string;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

export function composeShareClip(input: ShareClipInput): ShareClip {
  const maxRows = input.maxRows ?? PASTE_MAX_ROWS;
  const order = input.order ?? null;
  const where = `${input.clusterUrl} / ${input.database}`;
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(input.query) + 1));
  const note = input.table ? rowsCutNote(input.table, order, maxRows) : null;

  const text = [
    // The database name is the cluster's text: escaped like a cell, so it cannot break out of the link.
    input.link ? `[${markdownText(where)}](${input.link})` : `${markdownText(where)} (the link is too long to share)`,
    '',
    `${fence}kusto`,
    input.query,
    fence,
    ...(input.table ? ['', markdownTable(input.table, order, maxRows)] : []),
    ...(note ? ['', `_${note}_`] : []),
  ].join('\n');

  const html = [
    input.link ? `<p><a href="${htmlText(input.link)}">${htmlText(where)}</a></p>` : `<p>${htmlText(where)} (the link is too long to share)</p>`,
    `<pre><code>${htmlText(input.query)}</code></pre>`,
    input.table ? htmlTable(input.table, order, maxRows) : '',
    note ? `<p><em>${htmlText(note)}</em></p>` : '',
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
