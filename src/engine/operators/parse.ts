/** Parsing text into columns: parse. */
import { unsupportedOperator } from '../errors';
import { node, nodeType, syntaxListElements, tokenText, type KNode } from '../kusto-language';
import { duckType, quoteIdent, quoteString } from '../kusto-types';
import { columnsOf, orderColumnOf, type OperatorContext, type OperatorHandler, type Relation, req } from '../relation';
import { kustoType, type KustoType } from '../types';
import { escapeRegex, simpleName, toKustoString, typeOf } from '../values';

/**
 * parse, kind=simple (the default): the pattern becomes an anchored regex — string captures and
 * `*` match lazily (greedily when last), long/int/real captures match numbers; all delimiters
 * must be found and every typed capture must convert, otherwise all captured columns are null
 * (Kusto docs "parse operator", "Supported kind values").
 */
export function parse(c: OperatorContext, op: KNode, input: Relation): Relation {
  for (const p of syntaxListElements(node(op, 'Parameters'))) {
    const name = tokenText(node(p, 'Name')).trim().toLowerCase();
    const value = tokenText(node(p, 'Expression')).trim().toLowerCase();
    if (!(name === 'kind' && value === 'simple')) throw unsupportedOperator('parse', p, `${name}=${value} is not implemented (only kind=simple).`);
  }
  const cols = columnsOf(op);
  const t = c.scalar(input);
  const source = req(op, 'Expression');
  const text = toKustoString(t.translate(source), typeOf(source));
  const parts = syntaxListElements(node(op, 'Patterns'));
  let regex = '^';
  const captures: { name: string; type: KustoType }[] = [];
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    const kind = nodeType(p);
    if (kind === 'LiteralExpression' || kind === 'CompoundStringLiteralExpression') {
      regex += escapeRegex(t.literalString(p, op));
      return;
    }
    if (kind === 'StarExpression' || tokenText(p).trim() === '*') {
      regex += last ? '.*' : '.*?';
      return;
    }
    const decl = kind === 'NameAndTypeDeclaration' ? node(p, 'Name') : p;
    const name = simpleName(decl);
    const type = kind === 'NameAndTypeDeclaration' ? kustoType(tokenText(node(p, 'Type')).trim()) : 'string';
    if (!name || !type) throw unsupportedOperator('parse', p, `The pattern element '${tokenText(p).trim()}' is not implemented.`);
    const sub = PARSE_TYPE_REGEX[type];
    if (!sub) throw unsupportedOperator('parse', p, `Captures of type ${type} are not implemented.`);
    regex += `(${type === 'string' ? (last ? '.*' : '.*?') : sub})`;
    captures.push({ name, type });
  });
  const micro = [...(input.micro ?? [])].filter((m) => !captures.some((x) => x.name === m));
  if (captures.length === 0) return c.qb.add(`SELECT * FROM ${input.cte}`, cols, micro);
  const names = captures.map((_, i) => `'g${i}'`).join(', ');
  const matched = c.qb.add(
    `SELECT *, CASE WHEN regexp_matches(${text}, ${quoteString(regex)}) THEN regexp_extract(${text}, ${quoteString(regex)}, [${names}]) END AS __parse FROM ${input.cte}`,
    input.columns,
  );
  const typed = captures.map((c, i) => (c.type === 'string' ? `__parse.g${i}` : `TRY_CAST(__parse.g${i} AS ${duckType(c.type)})`));
  // Strict: one capture that does not convert fails the whole row.
  const ok = typed.map((x, i) => (captures[i]?.type === 'string' ? 'TRUE' : `${x} IS NOT NULL`)).join(' AND ');
  const sel = cols.map((c) => {
    const i = captures.findIndex((x) => x.name === c.ColumnName);
    if (i >= 0) return `CASE WHEN ${ok} THEN ${typed[i]} END AS ${quoteIdent(c.ColumnName)}`;
    return quoteIdent(c.ColumnName);
  });
  return c.qb.add(`SELECT ${sel.join(', ')}${orderColumnOf(input)} FROM ${matched.cte}`, cols, micro);
}
const PARSE_TYPE_REGEX: Partial<Record<KustoType, string>> = {
  string: '.*?',
  int: '-?\\d+',
  long: '-?\\d+',
  real: '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?',
  bool: '(?i:true|false)',
};

export const PARSE_OPERATORS: Record<string, OperatorHandler> = {
  ParseOperator: parse,
};
