/** Parsing text into columns: parse and parse-where, kind=simple, regex and relaxed. */
import { unsupportedOperator } from '../errors';
import { node, nodeType, syntaxListElements, tokenText, type KNode } from '../kusto-language';
import { duckType, quoteIdent, quoteString } from '../kusto-types';
import { columnsOf, orderColumnOf, type OperatorContext, type OperatorHandler, type Relation, req } from '../relation';
import type { KustoType } from '../types';
import { escapeRegex, refusalSql, simpleName, toKustoString, typeOf } from '../values';

type ParseKind = 'simple' | 'regex' | 'relaxed';

/**
 * parse (Kusto docs "parse operator", "parse-where operator"). The pattern becomes one regex,
 * anchored at the start, with a group per capture:
 * - simple (default): string constants matched as text; string captures and `*` lazy (the last
 *   one takes the rest); int/long/real/bool captures match their literal forms; strict — a
 *   missing delimiter or a capture that does not convert nulls every capture.
 * - regex: the constants are regular expressions (their own groups do not capture), `*` and
 *   captures other than numbers and bools match greedily (`.*`), as the docs' outputs show
 *   (`flags=U` makes them lazy); `flags=` takes RE2's U, i, m, s; strict as simple.
 * - relaxed: as simple, but a typed capture that is not its type's literal form matches any text
 *   and is null alone (`totalSlices=nonValidLongValue` does not fail the row).
 * parse-where keeps only the rows that parse (its kinds are simple and regex).
 */
function parseRows(c: OperatorContext, op: KNode, input: Relation, where: boolean): Relation {
  const operator = where ? 'parse-where' : 'parse';
  let kind: ParseKind = 'simple';
  let flags = '';
  for (const p of syntaxListElements(node(op, 'Parameters'))) {
    const name = tokenText(node(p, 'Name')).trim().toLowerCase();
    const value = tokenText(node(p, 'Expression')).trim();
    if (name === 'kind' && ['simple', 'regex', 'relaxed'].includes(value.toLowerCase())) kind = value.toLowerCase() as ParseKind;
    else if (name === 'flags' && /^[Uims]+$/.test(value)) flags = value;
    else throw unsupportedOperator(operator, p, `${name}=${value} is not implemented.`);
  }
  if (flags && kind !== 'regex') throw unsupportedOperator(operator, op, 'flags= is only implemented with kind=regex.');
  const cols = columnsOf(op);
  const t = c.scalar(input);
  const source = req(op, 'Expression');
  const text = toKustoString(t.translate(source), typeOf(source));
  const parts = syntaxListElements(node(op, 'Patterns'));
  let regex = flags ? `(?${flags})^` : '^';
  const captures: { name: string; type: KustoType }[] = [];
  const any = (last: boolean) => (kind === 'regex' || last ? '.*' : '.*?');
  parts.forEach((p, i) => {
    const last = i === parts.length - 1;
    const partKind = nodeType(p);
    if (partKind === 'LiteralExpression' || partKind === 'CompoundStringLiteralExpression') {
      const constant = t.literalString(p, op);
      regex += kind === 'regex' ? withoutCapturingGroups(constant) : escapeRegex(constant);
      return;
    }
    if (partKind === 'StarExpression' || tokenText(p).trim() === '*') {
      regex += any(last);
      return;
    }
    const name = simpleName(partKind === 'NameAndTypeDeclaration' ? node(p, 'Name') : p);
    const type = cols.find((x) => x.ColumnName === name)?.ColumnType;
    if (!name || !type) throw unsupportedOperator(operator, p, `The pattern element '${tokenText(p).trim()}' is not implemented.`);
    const literal = LITERAL_REGEX[type];
    // relaxed: the type's literal form when it is there, else any text (which then converts to null).
    regex += `(${literal === undefined ? any(last) : kind === 'relaxed' ? `${literal}|${any(last)}` : literal})`;
    captures.push({ name, type });
  });
  const micro = [...(input.micro ?? [])].filter((m) => !captures.some((x) => x.name === m));
  if (captures.length === 0) {
    const test = where ? ` WHERE coalesce(regexp_matches(${text}, ${quoteString(regex)}), FALSE)` : '';
    return c.qb.add(`SELECT * FROM ${input.cte}${test}`, cols, micro);
  }
  const names = captures.map((_, i) => `'g${i}'`).join(', ');
  const matched = c.qb.add(
    `SELECT *, CASE WHEN regexp_matches(${text}, ${quoteString(regex)}) THEN regexp_extract(${text}, ${quoteString(regex)}, [${names}]) END AS __parse FROM ${input.cte}`,
    input.columns,
  );
  const typed = captures.map((x, i) => converted(`__parse.g${i}`, x.type));
  // Strict kinds: one capture that does not convert fails the whole row; relaxed nulls it alone.
  const ok = ['__parse IS NOT NULL', ...typed.flatMap((x, i) => (captures[i]?.type === 'string' || kind === 'relaxed' ? [] : [`${x} IS NOT NULL`]))].join(' AND ');
  const sel = cols.map((col) => {
    const i = captures.findIndex((x) => x.name === col.ColumnName);
    if (i < 0) return quoteIdent(col.ColumnName);
    return `${kind === 'relaxed' || where ? typed[i] : `CASE WHEN ${ok} THEN ${typed[i]} END`} AS ${quoteIdent(col.ColumnName)}`;
  });
  return c.qb.add(`SELECT ${sel.join(', ')}${orderColumnOf(input)} FROM ${matched.cte}${where ? ` WHERE ${ok}` : ''}`, cols, micro);
}

/** Captures that match only their type's literal forms (others match text and convert it). */
const LITERAL_REGEX: Partial<Record<KustoType, string>> = {
  int: '-?\\d+',
  long: '-?\\d+',
  real: '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?',
  bool: '(?i:true|false)',
};

/** A captured text as a value of `type`, or null when it does not convert (conversions as the to*() functions do). */
function converted(g: string, type: KustoType): string {
  // Blanks around a value (a newline before the next delimiter with flags=s) are not part of it.
  const trimmed = `trim(${g}, ' ' || chr(9) || chr(10) || chr(13))`;
  switch (type) {
    case 'string':
      return g;
    case 'bool':
      return `CASE lower(${trimmed}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
    case 'datetime':
      return `kql_todatetime(${trimmed})`;
    case 'timespan':
      return `kql_totimespan(${g}, ${refusalSql('a parsed timespan with a 100 ns tick')})`;
    case 'dynamic':
      return `CASE WHEN json_valid(${g}) THEN CAST(${g} AS JSON) ELSE to_json(${g}) END`;
    default:
      return `TRY_CAST(${trimmed} AS ${duckType(type)})`;
  }
}

/**
 * A user's regex with its capturing groups made non-capturing, so the operator's own groups are
 * numbered 1…n: `(x)` and `(?P<n>x)` become `(?:x)`; escapes and character classes are kept.
 */
export function withoutCapturingGroups(re: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const ch = re[i] as string;
    if (ch === '\\') {
      out += ch + (re[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A ']' first in the class (after an optional '^') is a literal.
      if (re[i + 1] === '^') out += re[++i];
      if (re[i + 1] === ']') out += re[++i];
      continue;
    }
    if (ch === '(' && re[i + 1] !== '?') {
      out += '(?:';
      continue;
    }
    const named = /^\(\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(re.slice(i));
    if (named) {
      out += '(?:';
      i += named[0].length - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

export const PARSE_OPERATORS: Record<string, OperatorHandler> = {
  ParseOperator: (c, op, input) => parseRows(c, op, input, false),
  ParseWhereOperator: (c, op, input) => parseRows(c, op, input, true),
};
