import { describe, expect, it } from 'vitest';
import { identifierFromFileName, isPlainKqlIdentifier, tableRenameProblem, uniqueTableName } from './table-name';

describe('identifierFromFileName', () => {
  it('keeps a plain name and drops the extension', () => {
    expect(identifierFromFileName('StormEvents.csv')).toBe('StormEvents');
    expect(identifierFromFileName('events.jsonl')).toBe('events');
  });
  it('turns spaces and punctuation into single underscores', () => {
    expect(identifierFromFileName('Sales 2024 (EU).csv')).toBe('Sales_2024_EU');
    expect(identifierFromFileName('a--b..c.parquet')).toBe('a_b_c');
  });
  it('prefixes a name that starts with a digit', () => {
    expect(identifierFromFileName('2024-06.tsv')).toBe('_2024_06');
  });
  it('folds accents and drops what has no ASCII form', () => {
    expect(identifierFromFileName('données.json')).toBe('donnees');
    expect(identifierFromFileName('数据.csv')).toBe('File');
  });
  it('ignores folders and a compression suffix', () => {
    expect(identifierFromFileName('C:\\data\\logs.csv.gz')).toBe('logs');
  });
  it('always gives a name KQL accepts unquoted', () => {
    for (const name of ['.csv', '  .json', '___.csv', 'x'.repeat(400) + '.csv', '1.csv', '-.tsv']) {
      expect(isPlainKqlIdentifier(identifierFromFileName(name))).toBe(true);
    }
  });
});

describe('uniqueTableName', () => {
  it('suffixes a clash, case-insensitively, with the next free number', () => {
    expect(uniqueTableName('sales.csv', [])).toBe('sales');
    expect(uniqueTableName('sales.csv', ['Sales'])).toBe('sales_2');
    expect(uniqueTableName('SALES.parquet', ['sales', 'sales_2'])).toBe('SALES_3');
  });
});

describe('tableRenameProblem', () => {
  it('accepts a free plain identifier', () => {
    expect(tableRenameProblem('Orders_2024', ['Customers'])).toBeNull();
  });
  it('refuses an empty name, a name KQL needs quoted, and a taken name', () => {
    expect(tableRenameProblem('', [])).toMatch(/needs a name/);
    expect(tableRenameProblem('my table', [])).toMatch(/letters, digits and _/);
    expect(tableRenameProblem('9lives', [])).toMatch(/not starting with a digit/);
    expect(tableRenameProblem('customers', ['Customers'])).toBe('A table named Customers is already open.');
  });
});
