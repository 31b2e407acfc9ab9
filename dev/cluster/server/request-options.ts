/**
 * The request body and its properties, normalised: `properties` may be an object (Node SDK) or a
 * JSON-encoded string (Python SDK, docs examples) — https://learn.microsoft.com/kusto/api/rest/request.
 */
export interface KustoRequest {
  db: string | undefined;
  csl: string;
  options: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

export class RequestShapeError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseProperties(raw: unknown): { options: Record<string, unknown>; parameters: Record<string, unknown> } {
  let value = raw;
  if (typeof value === 'string') {
    if (value.trim() === '') return { options: {}, parameters: {} };
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      throw new RequestShapeError('properties is a string but not valid JSON');
    }
  }
  if (value === undefined || value === null) return { options: {}, parameters: {} };
  if (!isRecord(value)) throw new RequestShapeError('properties must be an object or a JSON-encoded object');
  const options = isRecord(value.Options) ? value.Options : {};
  const parameters = isRecord(value.Parameters) ? value.Parameters : {};
  return { options, parameters };
}

export function parseRequestFields(fields: Record<string, unknown>): KustoRequest {
  const csl = fields.csl;
  if (typeof csl !== 'string' || csl.trim() === '') throw new RequestShapeError("the request must contain a non-empty 'csl'");
  const db = typeof fields.db === 'string' && fields.db !== '' ? fields.db : undefined;
  return { db, csl, ...parseProperties(fields.properties) };
}

/** Option names are case-insensitive in practice (the docs mix cases); look them up that way. */
export function option(options: Record<string, unknown>, name: string): unknown {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(options)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

export function optionBool(options: Record<string, unknown>, name: string): boolean {
  const value = option(options, name);
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

export function optionNumber(options: Record<string, unknown>, name: string): number | undefined {
  const value = option(options, name);
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, hr: 3_600_000, d: 86_400_000 };

/**
 * Timespans as the service takes them in `servertimeout`: "hh:mm:ss[.fffffff]", "d.hh:mm:ss",
 * KQL literals like "50m"/"30s"/"1h" (the docs' example), or a number of milliseconds.
 */
export function parseTimespanMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const literal = /^time\((.*)\)$/i.exec(text);
  if (literal?.[1] !== undefined) return parseTimespanMs(literal[1]);
  const clock = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text);
  if (clock) {
    const [, d, h, m, s, f] = clock;
    return (
      Number(d ?? 0) * 86_400_000 +
      Number(h) * 3_600_000 +
      Number(m) * 60_000 +
      Number(s) * 1000 +
      (f ? Number(f.padEnd(7, '0')) / 10_000 : 0)
    );
  }
  const unit = /^(\d+(?:\.\d+)?)\s*(ms|sec|s|min|m|hr|h|d)$/i.exec(text);
  if (unit?.[1] !== undefined && unit[2] !== undefined) {
    const factor = UNIT_MS[unit[2].toLowerCase()];
    return factor === undefined ? undefined : Number(unit[1]) * factor;
  }
  if (/^\d+$/.test(text)) return Number(text);
  return undefined;
}

export interface SetStatement {
  name: string;
  value: string | true;
}

/**
 * Leading `set name [= value];` statements of a query. They are blanked out (replaced by spaces,
 * newlines kept) rather than cut, so the positions the engine reports still match the text the
 * client sent.
 */
export function extractSetStatements(csl: string): { statements: SetStatement[]; rest: string } {
  const statements: SetStatement[] = [];
  let out = csl;
  let i = 0;
  const skipTrivia = () => {
    for (;;) {
      while (i < csl.length && /\s/.test(csl[i] ?? '')) i++;
      if (csl.startsWith('//', i)) {
        while (i < csl.length && csl[i] !== '\n') i++;
        continue;
      }
      return;
    }
  };
  for (;;) {
    skipTrivia();
    const match = /^set\s+([A-Za-z_][\w.]*)\s*(?:=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^;]*?))?\s*;/i.exec(csl.slice(i));
    if (!match?.[1]) break;
    let raw = match[2]?.trim();
    if (raw && /^["']/.test(raw)) raw = raw.slice(1, -1);
    statements.push({ name: match[1].toLowerCase(), value: raw === undefined || raw === '' ? true : raw });
    const end = i + match[0].length;
    out = out.slice(0, i) + csl.slice(i, end).replace(/[^\n]/g, ' ') + out.slice(end);
    i = end;
  }
  return { statements, rest: out };
}

export interface TruncationLimits {
  maxRecords: number;
  maxBytes: number;
}

export const DEFAULT_TRUNCATION: TruncationLimits = { maxRecords: 500_000, maxBytes: 64 * 1024 * 1024 };

/**
 * "notruncation is ignored if any of the other limits is set; when a limit is set more than once,
 * the lower value wins" (DOCS query-limits.md).
 */
export function truncationLimits(options: Record<string, unknown>, sets: SetStatement[]): TruncationLimits | null {
  const records: number[] = [];
  const bytes: number[] = [];
  let noTruncation = optionBool(options, 'notruncation');
  const fromOptions = optionNumber(options, 'truncationmaxrecords');
  if (fromOptions !== undefined) records.push(fromOptions);
  const sizeFromOptions = optionNumber(options, 'truncationmaxsize');
  if (sizeFromOptions !== undefined) bytes.push(sizeFromOptions);
  for (const s of sets) {
    if (s.name === 'notruncation') noTruncation = s.value === true || String(s.value).toLowerCase() === 'true';
    if (s.name === 'truncationmaxrecords' && typeof s.value === 'string' && /^\d+$/.test(s.value)) records.push(Number(s.value));
    if (s.name === 'truncationmaxsize' && typeof s.value === 'string' && /^\d+$/.test(s.value)) bytes.push(Number(s.value));
  }
  if (noTruncation && records.length === 0 && bytes.length === 0) return null;
  return {
    maxRecords: records.length > 0 ? Math.min(...records) : DEFAULT_TRUNCATION.maxRecords,
    maxBytes: bytes.length > 0 ? Math.min(...bytes) : DEFAULT_TRUNCATION.maxBytes,
  };
}
