import { describe, expect, it } from 'vitest';
import { col } from '../../testing/v2-factories';
import { cellText } from '../../kusto/columnar';
import { DISPLAY_MAX_CHARS, displayText, initialColumnWidth, isExpandable, sampleRows } from './cell-text';
import { decodeTable } from '../../testing/test-tables';

describe('cellText', () => {
  const t = decodeTable(
    [col('d', 'datetime'), col('t', 'timespan'), col('r', 'real'), col('b', 'bool'), col('g', 'guid'), col('m', 'decimal'), col('n', 'long')],
    [
      ['2007-01-01T00:00:00Z', '1.02:03:04.5000000', 'NaN', true, '74be27de-1e4e-49d9-b579-fe0b331d3642', '1.10', 9223372036854775807n],
      ['2007-01-01T00:00:00.1234567Z', '-00:00:01', 'Infinity', false, null, null, null],
      ['2007-01-01T00:00:00.1200000Z', null, null, null, null, null, -1],
    ],
  );
  const row = (r: number) => t.columns.map((_, c) => cellText(t.columns[c]!, r));

  it("writes each type in Kusto's own text, datetimes without trailing zero fractions", () => {
    expect(row(0)).toEqual(['2007-01-01T00:00:00Z', '1.02:03:04.5000000', 'NaN', 'true', '74be27de-1e4e-49d9-b579-fe0b331d3642', '1.10', '9223372036854775807']);
    expect(row(1)).toEqual(['2007-01-01T00:00:00.1234567Z', '-00:00:01', 'Infinity', 'false', '', '', '']);
    expect(row(2)[0]).toBe('2007-01-01T00:00:00.12Z');
  });
});

describe('displayText', () => {
  it('keeps one line and cuts very long text', () => {
    expect(displayText('a\r\nb\nc')).toBe('a b c');
    const long = 'x'.repeat(DISPLAY_MAX_CHARS + 10);
    expect(displayText(long)).toHaveLength(DISPLAY_MAX_CHARS + 1);
    expect(displayText(long).endsWith('…')).toBe(true);
  });
});

describe('isExpandable / initialColumnWidth', () => {
  it('opens dynamic values and long or multi-line strings only', () => {
    const t = decodeTable([col('s', 'string'), col('d', 'dynamic')], [['short', 1]]);
    expect(isExpandable(t.columns[0]!, 'short')).toBe(false);
    expect(isExpandable(t.columns[0]!, 'two\nlines')).toBe(true);
    expect(isExpandable(t.columns[0]!, 'y'.repeat(200))).toBe(true);
    expect(isExpandable(t.columns[1]!, '1')).toBe(true);
  });

  it('sizes from header and sample text within 60–360 px', () => {
    expect(initialColumnWidth('i', ['1'])).toBe(60);
    expect(initialColumnWidth('EventNarrative', ['z'.repeat(1000)])).toBe(360);
  });
});

describe('sampleRows', () => {
  it('takes every row of a small result, and the ends plus a spread of a large one', () => {
    expect(sampleRows(5)).toEqual([0, 1, 2, 3, 4]);
    const rows = sampleRows(500_000);
    expect(rows).toHaveLength(200);
    expect(rows[0]).toBe(0);
    expect(rows[199]).toBe(499_999);
    expect(new Set(rows).size).toBe(200);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
  });
});
