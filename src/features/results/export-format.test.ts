import { describe, expect, it } from 'vitest';
import { col } from '../../testing/v2-factories';
import { resultsAsHtml, rowsText } from './export-format';
import { decodeTable } from '../../testing/test-tables';

const table = decodeTable(
  [col('Name', 'string'), col('Big', 'long'), col('R', 'real'), col('When', 'datetime'), col('Bag', 'dynamic')],
  [
    ['plain', 9223372036854775807n, 'NaN', '2007-01-01T00:00:00Z', { a: [1, 2] }],
    ['has "quotes", comma', null, 1.5, '2007-01-01T00:00:00.1234567Z', null],
    ['two\nlines\tand tab', -1, '-Infinity', null, 'text'],
  ],
);

describe('resultsAsHtml', () => {
  it('escapes the query and every cell, and has a TSV text fallback', () => {
    const t = decodeTable([col('S', 'string')], [['<img src=x onerror=alert(1)>']]);
    const { html, text, rows } = resultsAsHtml('T | where S has "<b>"', t);
    expect(rows).toBe(1);
    expect(html).toContain('<pre><code>T | where S has &quot;&lt;b&gt;&quot;</code></pre>');
    expect(html).toContain('>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).not.toContain('<img');
    expect(text).toBe('T | where S has "<b>"\r\n\r\nS\r\n<img src=x onerror=alert(1)>');
  });

  it('caps the rows it copies', () => {
    expect(resultsAsHtml('q', table, null, 2).rows).toBe(2);
    expect(resultsAsHtml('', table, null, 1).html.startsWith('<table')).toBe(true);
  });
});

describe('rowsText', () => {
  it('says "row" for one and "rows" otherwise', () => {
    expect([0, 1, 2, 10_000].map(rowsText)).toEqual(['0 rows', '1 row', '2 rows', '10000 rows']);
  });
});
