/**
 * JSON.parse turns 9223372036854775807 into 9223372036854775808: Kusto longs are Int64 and the
 * service writes them as bare JSON numbers (src/kusto/README.md, "Responses"). Before parsing, every
 * integer token that a double cannot hold exactly is rewritten as a marked string, so the
 * decoder can rebuild it as a bigint. Text without such a token takes the plain JSON.parse path.
 */

/** Prefix of the strings that stand for big integers; U+0000 cannot appear unescaped in JSON text. */
export const BIG_INTEGER_MARK = '\u0000int:';

// A JSON string (skipped as a whole, so digits inside strings are never touched) or an integer
// token of 16+ digits in a value position. 15 digits always fit a double exactly.
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<=[[,:\s])(-?\d{16,})(?![\d.eE])/g;
// Cheap pre-check: a 16+ digit token right after a JSON delimiter. Digits in prose rarely follow one.
const MAYBE_BIG = /[[,:]\s*-?\d{16}/;

export interface LosslessParse {
  value: unknown;
  /** True when some integer was marked: consumers must look for BIG_INTEGER_MARK strings. */
  hasBigIntegers: boolean;
}

/** Throws SyntaxError like JSON.parse on invalid text. */
export function parseJsonLossless(text: string): LosslessParse {
  if (!MAYBE_BIG.test(text)) return { value: JSON.parse(text), hasBigIntegers: false };
  let hasBigIntegers = false;
  const rewritten = text.replace(TOKENS, (token: string, digits: string | undefined) => {
    if (digits === undefined || Number.isSafeInteger(Number(digits))) return token;
    hasBigIntegers = true;
    return `"\\u0000int:${digits}"`;
  });
  return { value: JSON.parse(rewritten), hasBigIntegers };
}

export function markedBigInteger(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith(BIG_INTEGER_MARK) ? value.slice(BIG_INTEGER_MARK.length) : null;
}

/** Replaces marked strings inside a parsed dynamic value with bigints. */
export function restoreBigIntegers(value: unknown): unknown {
  const digits = markedBigInteger(value);
  if (digits !== null) return BigInt(digits);
  if (Array.isArray(value)) return value.map(restoreBigIntegers);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restoreBigIntegers(v);
    return out;
  }
  return value;
}

/** JSON text of a dynamic value, writing bigints as their exact digits. */
export function stringifyDynamic(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(stringifyDynamic).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${stringifyDynamic(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
