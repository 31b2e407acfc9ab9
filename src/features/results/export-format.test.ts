import { describe, expect, it } from 'vitest';
import { col } from '../../testing/v2-factories';
import { csvBlob, csvChunks, csvField, escapeHtml, rangeToTsv, resultsAsHtml, tsvField } from './export-format';
import { decodeTable } from '../../testing/test-tables';

const table = decodeTable(
  [col('Name', 'string'), col('Big', 'long'), col('R', 'real'), col('When', 'datetime'), col('Bag', 'dynamic')],
  [
    ['plain', 9223372036854775807n, 'NaN', '2007-01-01T00:00:00Z', { a: [1, 2] }],
    ['has "quotes", comma', null, 1.5, '2007-01-01T00:00:00.1234567Z', null],
    ['two\nlines\tand tab', -1, '-Infinity', null, 'text'],
  ],
);

describe('csvField / tsvField', () => {
  it('quotes per RFC 4180 only when needed and doubles quotes', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('tab\tok')).toBe('tab\tok');
  });

  it('quotes TSV fields holding tabs, newlines or quotes', () => {
    expect(tsvField('a,b')).toBe('a,b');
    expect(tsvField('a\tb')).toBe('"a\tb"');
    expect(tsvField('a\nb')).toBe('"a\nb"');
  });
});

describe('csvChunks', () => {
  it('writes a header and one CRLF line per row with Kusto text for each type', () => {
    const csv = [...csvChunks(table)].join('');
    expect(csv).toBe(
      'Name,Big,R,When,Bag\r\n' +
      'plain,9223372036854775807,NaN,2007-01-01T00:00:00Z,"{""a"":[1,2]}"\r\n' +
      '"has ""quotes"", comma",,1.5,2007-01-01T00:00:00.1234567Z,\r\n' +
      '"two\nlines\tand tab",-1,-Infinity,,text\r\n',
    );
  });

  it('splits into chunks on line boundaries and follows the given row order', () => {
    const chunks = [...csvChunks(table, Uint32Array.from([2, 0]), 10)];
    expect(chunks).toEqual(['Name,Big,R,When,Bag\r\n', '"two\nlines\tand tab",-1,-Infinity,,text\r\n', 'plain,9223372036854775807,NaN,2007-01-01T00:00:00Z,"{""a"":[1,2]}"\r\n']);
  });

  it('builds a 500,000-row file from bounded parts', async () => {
    const rows = 500_000;
    const big = {
      ...table,
      rowCount: rows,
      columns: [{ name: 'i', declaredType: 'long', type: 'long' as const, values: BigInt64Array.from({ length: rows }, (_, i) => BigInt(i + 1)), nulls: new Uint8Array(rows / 8) }],
    };
    let parts = 0;
    let longest = 0;
    for (const chunk of csvChunks(big)) {
      parts++;
      longest = Math.max(longest, chunk.length);
    }
    expect(parts).toBeGreaterThan(2);
    expect(longest).toBeLessThan((1 << 20) + 64);
    const blob = csvBlob(big);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const text = await blob.text();
    expect(text.startsWith('i\r\n1\r\n')).toBe(true);
    expect(text.endsWith('\r\n500000\r\n')).toBe(true);
  });
});

describe('rangeToTsv', () => {
  it('copies a rectangle in display order, optionally with headers', () => {
    expect(rangeToTsv(table, Uint32Array.from([2, 1, 0]), { column: 1, columns: 2, row: 1, rows: 2 })).toBe('\t1.5\r\n9223372036854775807\tNaN');
    expect(rangeToTsv(table, null, { column: 0, columns: 1, row: 2, rows: 5 }, true)).toBe('Name\r\n"two\nlines\tand tab"');
  });
});

describe('resultsAsHtml', () => {
  it('escapes the query and every cell, and has a TSV text fallback', () => {
    const t = decodeTable([col('S', 'string')], [['<img src=x onerror=alert(1)>']]);
    const { html, text, rows } = resultsAsHtml('T | where S has "<b>"', t);
    expect(rows).toBe(1);
    expect(html).toContain('<pre><code>T | where S has &#34;&#60;b&#62;&#34;</code></pre>');
    expect(html).toContain('<td>&#60;img src=x onerror=alert(1)&#62;</td>');
    expect(html).not.toContain('<img');
    expect(text).toBe('T | where S has "<b>"\r\n\r\nS\r\n<img src=x onerror=alert(1)>');
  });

  it('caps the rows it copies', () => {
    expect(resultsAsHtml('q', table, null, 2).rows).toBe(2);
    expect(resultsAsHtml('', table, null, 1).html.startsWith('<table')).toBe(true);
    expect(escapeHtml(`'&`)).toBe('&#39;&#38;');
  });
});
