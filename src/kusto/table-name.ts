/**
 * Names for tables made from the analyst's files. KQL accepts a plain identifier — letters, digits
 * and `_`, not starting with a digit — without quoting; anything else needs `['…']`
 * (https://learn.microsoft.com/kusto/query/schema-entities/entity-names). A table named after a
 * file gets a plain identifier, so a query can name it as typed.
 */

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Kusto limits entity names to 1024 characters; a file name near that is not a useful table name. */
const MAX_NAME_LENGTH = 128;

export function isPlainKqlIdentifier(name: string): boolean {
  return name.length <= MAX_NAME_LENGTH && PLAIN_IDENTIFIER.test(name);
}

/** "Sales 2024 (EU).csv" → "Sales_2024_EU"; "2024.csv" → "_2024"; "données.json" → "donnees". */
export function identifierFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.(gz|zst)$/i, '').replace(/\.[^.]*$/, '');
  const ascii = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const words = ascii.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, MAX_NAME_LENGTH - 4);
  if (words === '') return 'File';
  return /^[0-9]/.test(words) ? `_${words}` : words;
}

/**
 * A name for `fileName` that no name in `taken` has (compared case-insensitively, as Kusto compares
 * table names when it resolves them in the editor's completion): `Sales`, then `Sales_2`, `Sales_3`…
 */
export function uniqueTableName(fileName: string, taken: Iterable<string>): string {
  return uniqueName(identifierFromFileName(fileName), taken);
}

export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** Why `name` cannot rename a table (null when it can): plain identifier, not taken by another. */
export function tableRenameProblem(name: string, others: Iterable<string>): string | null {
  if (name === '') return 'A table needs a name.';
  if (!isPlainKqlIdentifier(name)) {
    return 'Use letters, digits and _ only, not starting with a digit (at most 128 characters).';
  }
  const lower = name.toLowerCase();
  for (const other of others) if (other.toLowerCase() === lower) return `A table named ${other} is already open.`;
  return null;
}
