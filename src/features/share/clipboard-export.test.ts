import { describe, expect, it } from 'vitest';
import { buildColumn } from '../../kusto/columnar';
import type { ColumnarTable } from '../../kusto/types';
import { composeShareClip } from './clipboard-export';

function table(columns: [string, string][], rows: unknown[][]): ColumnarTable {
  const wire = columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType }));
  return { tableId: 0, tableKind: 'PrimaryResult', tableName: 'PrimaryResult', rowCount: rows.length, columns: wire.map((c, i) => buildColumn(c, i, rows, false)) };
}


describe('results for chat and e-mail', () => {
  it('puts the link, the query in a fence longer than any backtick run in it, and the rows', () => {
    const clip = composeShareClip({
      query: 'print s = ```x```',
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
      link: 'https://app.example/clusters/help.kusto.windows.net/databases/Samples?query=H4sI',
      table: table([['n', 'long']], [[1], [2], [3]]),
      maxRows: 2,
    });
    expect(clip.text).toBe(
      [
        '[https://help.kusto.windows.net / Samples](https://app.example/clusters/help.kusto.windows.net/databases/Samples?query=H4sI)',
        '',
        '````kusto',
        'print s = ```x```',
        '````',
        '',
        '| n |\n| --: |\n| 1 |\n| 2 |',
        '',
        '_First 2 of 3 rows._',
      ].join('\n'),
    );
    expect(clip.html).toContain('<a href="https://app.example/clusters/help.kusto.windows.net/databases/Samples?query=H4sI">');
    expect(clip.html).toContain('<pre><code>print s = ```x```</code></pre>');
    expect(clip.html).toContain('<em>First 2 of 3 rows.</em>');
  });

  it('copies the rows in the order the user sees them', () => {
    const clip = composeShareClip({ query: 'T', clusterUrl: 'https://c', database: 'db', link: null, table: table([['n', 'long']], [[1], [2], [3]]), order: Uint32Array.from([2, 0]) });
    expect(clip.text.endsWith('| n |\n| --: |\n| 3 |\n| 1 |')).toBe(true);
  });

  it('says so when the link was too long to include', () => {
    const clip = composeShareClip({ query: 'T', clusterUrl: 'https://c', database: 'db', link: null, table: null });
    expect(clip.text.split('\n')[0]).toBe('https://c / db (the link is too long to share)');
    expect(clip.html).not.toContain('<a ');
  });

  it('escapes Markdown in cells and in the database name, so no image, link or HTML comes through', () => {
    const clip = composeShareClip({
      query: 'T', clusterUrl: 'https://c', database: 'db](https://evil.example)', link: 'https://app.example/?q=1',
      table: table([['s', 'string']], [['![t](https://evil.example/t.gif)'], ['<img src=x>'], ['[x](javascript:alert(1))']]),
    });
    const lines = clip.text.split('\n');
    expect(lines[0]).toBe('[https://c / db\\](https://evil.example)](https://app.example/?q=1)');
    expect(lines.slice(-3)).toEqual(['| \\!\\[t\\](https://evil.example/t.gif) |', '| \\<img src=x\\> |', '| \\[x\\](javascript:alert(1)) |']);
  });
});
