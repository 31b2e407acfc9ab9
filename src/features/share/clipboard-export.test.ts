import { describe, expect, it } from 'vitest';
import { buildColumn } from '../../kusto/columnar';
import type { ColumnarTable } from '../../kusto/types';
import { composeShareClip, toHtmlTable, toMarkdownTable } from './clipboard-export';

function table(columns: [string, string][], rows: unknown[][]): ColumnarTable {
  const wire = columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType }));
  return { tableId: 0, tableKind: 'PrimaryResult', tableName: 'PrimaryResult', rowCount: rows.length, columns: wire.map((c, i) => buildColumn(c, i, rows, false)) };
}

const hostile = table([['State', 'string'], ['n', 'long']], [['<img src=x onerror=alert(1)>', 1], ['A|B\nC', 9007199254740993n.toString()]]);

describe('results for chat and e-mail', () => {
  it('escapes cell text in the HTML table', () => {
    const html = toHtmlTable(hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('<th style="border:1px solid #ccc;padding:2px 6px">State</th>');
  });

  it('escapes pipes and newlines in Markdown cells and right-aligns numbers', () => {
    expect(toMarkdownTable(hostile)).toBe(
      ['| State | n |', '| --- | --: |', '| <img src=x onerror=alert(1)> | 1 |', '| A\\|B<br>C | 9007199254740993 |'].join('\n'),
    );
  });

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

  it('says so when the link was too long to include', () => {
    const clip = composeShareClip({ query: 'T', clusterUrl: 'https://c', database: 'db', link: null, table: null });
    expect(clip.text.split('\n')[0]).toBe('https://c / db (the link is too long to share)');
    expect(clip.html).not.toContain('<a ');
  });
});
