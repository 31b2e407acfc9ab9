/**
 * `declare query_parameters(...)`: what the query asks for, and turning what the user typed into
 * the values of `properties.Parameters`.
 *
 * The server parses each value as a KQL literal of the declared type: "Non-string and non-long
 * parameters must be expressed as KQL literals in string format" (DOCS `kusto/api/rest/request.md`,
 * `kusto/query/query-parameters-statement.md`). The JS SDK leaves that wrapping to the caller
 * (Azure/azure-kusto-node#132), and the web UI offers no way to set parameters at all
 * (MicrosoftDocs/dataexplorer-docs#710): that is the gap this module fills.
 */

export type QueryParameterType =
  | 'string'
  | 'long'
  | 'int'
  | 'real'
  | 'double'
  | 'bool'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'dynamic'
  | 'decimal';

export interface DeclaredParameter {
  name: string;
  /** `unsupported` for tabular parameters and types no one can type a value for. */
  type: QueryParameterType | 'unsupported';
  /** The type as written in the query (`boolean`, `date`, `(x:long)`). */
  declaredType: string;
  /** The default as written in the query, e.g. `datetime(2007-01-01)`. */
  defaultLiteral?: string;
}

export type LiteralResult = { ok: true; literal: string } | { ok: false; reason: string };

// Aliases from DOCS `kusto/query/scalar-data-types/index.md`.
const TYPE_NAMES: Readonly<Record<string, QueryParameterType>> = {
  string: 'string',
  long: 'long',
  int: 'int',
  real: 'real',
  double: 'double',
  bool: 'bool',
  boolean: 'bool',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  guid: 'guid',
  uuid: 'guid',
  uniqueid: 'guid',
  dynamic: 'dynamic',
  decimal: 'decimal',
};

// ---------------------------------------------------------------------------------------------
// Parsing the declaration

interface Token {
  kind: 'ident' | 'string' | 'punct' | 'other';
  text: string;
  start: number;
  end: number;
}

/** Just enough of KQL's lexer to skip comments and every string form without misreading them. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
    } else if (text.startsWith('```', i) || text.startsWith('~~~', i)) {
      const close = text.indexOf(text.slice(i, i + 3), i + 3);
      i = close === -1 ? n : close + 3;
      tokens.push({ kind: 'string', text: text.slice(start, i), start, end: i });
    } else if ((c === '@' || c === 'h' || c === 'H') && (text[i + 1] === '"' || text[i + 1] === "'")) {
      i = skipString(text, i + 1, c === '@');
      tokens.push({ kind: 'string', text: text.slice(start, i), start, end: i });
    } else if (c === '"' || c === "'") {
      i = skipString(text, i, false);
      tokens.push({ kind: 'string', text: text.slice(start, i), start, end: i });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(text[i]!)) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), start, end: i });
    } else if ('(),:=;[]'.includes(c)) {
      i++;
      tokens.push({ kind: 'punct', text: c, start, end: i });
    } else {
      i++;
      tokens.push({ kind: 'other', text: c, start, end: i });
    }
  }
  return tokens;
}

/** Returns the index after the closing quote. Verbatim (`@`) strings escape a quote by doubling it. */
function skipString(text: string, quoteAt: number, verbatim: boolean): number {
  const quote = text[quoteAt];
  let i = quoteAt + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (!verbatim && c === '\\') i += 2;
    else if (c === quote) {
      if (verbatim && text[i + 1] === quote) i += 2;
      else return i + 1;
    } else if (c === '\n' && !verbatim) return i;
    else i++;
  }
  return i;
}

function unquote(token: Token): string {
  const t = token.text.replace(/^[@hH]/, '');
  const body = t.slice(1, -1);
  if (token.text.startsWith('@')) return body.replace(/""/g, '"').replace(/''/g, "'");
  return body.replace(/\\(.)/g, '$1');
}

/**
 * Every parameter of every `declare query_parameters(...)` statement in the text, in order, each name
 * once. Forms inside comments and strings are ignored; a malformed declaration yields what parsed.
 */
export function parseDeclaredParameters(text: string): DeclaredParameter[] {
  const tokens = tokenize(text);
  const found: DeclaredParameter[] = [];
  const seen = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i]!.text !== 'declare' || tokens[i + 1]!.text !== 'query_parameters' || tokens[i + 2]!.text !== '(') continue;
    let j = i + 3;
    while (j < tokens.length) {
      const parsed = parseOneParameter(text, tokens, j);
      if (parsed === null) break;
      if (!seen.has(parsed.parameter.name)) {
        seen.add(parsed.parameter.name);
        found.push(parsed.parameter);
      }
      j = parsed.next;
      const sep = tokens[j];
      if (sep?.text === ',') j++;
      else break;
    }
    i = j;
  }
  return found;
}

function parseOneParameter(text: string, tokens: Token[], at: number): { parameter: DeclaredParameter; next: number } | null {
  let j = at;
  let name: string;
  const first = tokens[j];
  if (first?.kind === 'ident') {
    name = first.text;
    j++;
  } else if (first?.text === '[' && tokens[j + 1]?.kind === 'string' && tokens[j + 2]?.text === ']') {
    name = unquote(tokens[j + 1]!);
    j += 3;
  } else {
    return null;
  }
  if (tokens[j]?.text !== ':') return null;
  j++;

  const typeStart = tokens[j];
  if (typeStart === undefined) return null;
  let type: DeclaredParameter['type'];
  let declaredType: string;
  if (typeStart.text === '(') {
    // Tabular parameter `T:(x:long, y:string)`: a table can't be typed into a form.
    const close = matchingClose(tokens, j);
    declaredType = text.slice(typeStart.start, tokens[close]?.end ?? text.length);
    type = 'unsupported';
    j = close + 1;
  } else if (typeStart.kind === 'ident') {
    declaredType = typeStart.text;
    type = TYPE_NAMES[typeStart.text.toLowerCase()] ?? 'unsupported';
    j++;
  } else {
    return null;
  }

  const parameter: DeclaredParameter = { name, type, declaredType };
  if (tokens[j]?.text === '=') {
    j++;
    const valueStart = j;
    let depth = 0;
    while (j < tokens.length) {
      const t = tokens[j]!.text;
      if (depth === 0 && (t === ',' || t === ')')) break;
      if (t === '(' || t === '[') depth++;
      else if (t === ')' || t === ']') depth--;
      j++;
    }
    if (j > valueStart) parameter.defaultLiteral = text.slice(tokens[valueStart]!.start, tokens[j - 1]!.end).trim();
  }
  return { parameter, next: j };
}

function matchingClose(tokens: Token[], openAt: number): number {
  let depth = 0;
  for (let j = openAt; j < tokens.length; j++) {
    const t = tokens[j]!.text;
    if (t === '(') depth++;
    else if (t === ')' && --depth === 0) return j;
  }
  return tokens.length;
}

// ---------------------------------------------------------------------------------------------
// Values

const INT32 = { min: -(2n ** 31n), max: 2n ** 31n - 1n };
const INT64 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const DECIMAL_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// Units of KQL timespan literals (DOCS `kusto/query/scalar-data-types/timespan.md`).
const TIMESPAN_UNITS =
  /^[+-]?(\d+(\.\d+)?|\.\d+)(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?|ms|millis?|milliseconds?|microseconds?|ticks?)$/i;
const TIMESPAN_CLOCK = /^[+-]?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/;

/** `datetime(x)` / `time(x)` as typed by someone who knows KQL: the inside, if the wrapper fits the type. */
function unwrap(input: string, type: QueryParameterType): string {
  const m = /^([A-Za-z]+)\s*\(([\s\S]*)\)$/.exec(input);
  if (m && TYPE_NAMES[m[1]!.toLowerCase()] === type) return m[2]!.trim();
  if (m && type === 'real' && m[1]!.toLowerCase() === 'double') return m[2]!.trim();
  if (m && type === 'double' && m[1]!.toLowerCase() === 'real') return m[2]!.trim();
  return input;
}

function integer(text: string, range: { min: bigint; max: bigint }, what: string): bigint | string {
  let value: bigint;
  if (/^[+-]?\d+$/.test(text)) value = BigInt(text);
  else if (/^0x[0-9a-f]+$/i.test(text)) value = BigInt(text);
  else return `"${text}" is not a whole number.`;
  if (value < range.min || value > range.max) return `${text} is outside the ${what} range (${range.min} to ${range.max}).`;
  return value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Checks what the user typed for a parameter of `type` and gives the string that goes into
 * `properties.Parameters`: the plain text for a string, digits for a long, a KQL literal otherwise
 * (`datetime(2007-01-01)`, `timespan(1d)`, `dynamic([1,2])`, `guid(…)`, `real(1.5)`). `null` gives
 * the type's null literal (`long(null)`).
 */
export function toParameterLiteral(type: QueryParameterType | 'unsupported', input: string): LiteralResult {
  if (type === 'unsupported') return { ok: false, reason: 'Values of this type cannot be entered here.' };
  if (type === 'string') return { ok: true, literal: input };

  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'Enter a value.' };
  const text = unwrap(trimmed, type);
  if (/^null$/i.test(text)) return { ok: true, literal: `${type === 'double' ? 'real' : type}(null)` };

  switch (type) {
    case 'long': {
      const v = integer(text, INT64, 'long');
      return typeof v === 'string' ? { ok: false, reason: v } : { ok: true, literal: v.toString() };
    }
    case 'int': {
      const v = integer(text, INT32, 'int');
      return typeof v === 'string' ? { ok: false, reason: v } : { ok: true, literal: `int(${v})` };
    }
    case 'real':
    case 'double': {
      if (/^[+-]?(nan|inf)$/i.test(text)) return { ok: true, literal: `real(${text.toLowerCase()})` };
      if (!DECIMAL_NUMBER.test(text)) return { ok: false, reason: numberReason(text) };
      if (!Number.isFinite(Number(text))) return { ok: false, reason: `${text} is too large for a real.` };
      return { ok: true, literal: `real(${text.replace(/^\+/, '')})` };
    }
    case 'decimal':
      if (!DECIMAL_NUMBER.test(text)) return { ok: false, reason: numberReason(text) };
      return { ok: true, literal: `decimal(${text.replace(/^\+/, '')})` };
    case 'bool':
      if (/^(true|false)$/i.test(text)) return { ok: true, literal: text.toLowerCase() };
      return { ok: false, reason: `"${text}" is not true or false.` };
    case 'guid': {
      const g = text.replace(/^\{(.*)\}$/, '$1');
      if (!GUID.test(g)) return { ok: false, reason: `"${text}" is not a GUID (like 123e27de-1e4e-49d9-b579-fe0b331d3642).` };
      return { ok: true, literal: `guid(${g.toLowerCase()})` };
    }
    case 'datetime':
      return datetimeLiteral(text);
    case 'timespan':
      return timespanLiteral(text);
    case 'dynamic':
      return dynamicLiteral(text);
  }
}

function numberReason(text: string): string {
  if (/^[+-]?\d+,\d+$/.test(text)) return `Use a point for decimals: ${text.replace(',', '.')}.`;
  return `"${text}" is not a number.`;
}

function datetimeLiteral(text: string): LiteralResult {
  const m = ISO_DATETIME.exec(text);
  const reason = `"${text}" is not a date. Write it like 2007-01-01 or 2007-01-01T13:45:00Z (UTC unless an offset is given).`;
  if (!m) {
    if (/^(now|ago)\b/i.test(text)) return { ok: false, reason: `A parameter takes a fixed date, not an expression like ${text}.` };
    return { ok: false, reason };
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `${text} is not a valid date and time.` };
  }
  return { ok: true, literal: `datetime(${text})` };
}

function timespanLiteral(text: string): LiteralResult {
  const compact = text.replace(/\s+/g, '');
  if (TIMESPAN_UNITS.test(compact)) return { ok: true, literal: `timespan(${compact})` };
  const m = TIMESPAN_CLOCK.exec(text);
  if (m) {
    const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
    if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, reason: `${text} is not a valid d.hh:mm:ss duration.` };
    return { ok: true, literal: `timespan(${text})` };
  }
  return { ok: false, reason: `"${text}" is not a duration. Write it like 1d, 2h, 30m, 10s, 100ms or 1.02:03:04.` };
}

/** KQL dynamic literals also take single-quoted strings (`dynamic(['Java','C++'])`); JSON.parse doesn't. */
function singleToDoubleQuotes(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = skipString(text, i, false);
      out += text.slice(i, end);
      i = end;
    } else if (c === "'") {
      const end = skipString(text, i, false);
      const body = text.slice(i + 1, end - 1).replace(/\\'/g, "'");
      out += JSON.stringify(body);
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function dynamicLiteral(text: string): LiteralResult {
  try {
    JSON.parse(text);
    return { ok: true, literal: `dynamic(${text})` };
  } catch {
    // fall through to the KQL form
  }
  try {
    JSON.parse(singleToDoubleQuotes(text));
    return { ok: true, literal: `dynamic(${text})` };
  } catch {
    return { ok: false, reason: `"${text}" is not JSON. Write an array like ["a", "b"], an object like {"k": 1}, or a number.` };
  }
}

export type ParameterValuesResult =
  | { ok: true; parameters: Record<string, string> }
  | { ok: false; errors: { name: string; reason: string }[] };

/**
 * `properties.Parameters` for a query: a literal for each declared parameter the user gave a value
 * for. An empty field is left out when the declaration has a default, so the server uses it; a
 * string parameter without a default is sent as the empty string.
 */
export function toParameterValues(declared: readonly DeclaredParameter[], inputs: Readonly<Record<string, string>>): ParameterValuesResult {
  const parameters: Record<string, string> = {};
  const errors: { name: string; reason: string }[] = [];
  for (const p of declared) {
    const input = inputs[p.name] ?? '';
    if (input.trim() === '' && p.defaultLiteral !== undefined) continue;
    if (input === '' && p.type === 'string') {
      parameters[p.name] = '';
      continue;
    }
    const result = toParameterLiteral(p.type, input);
    if (result.ok) parameters[p.name] = result.literal;
    else errors.push({ name: p.name, reason: result.reason });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, parameters };
}
