import { REFUSED_FUNCTIONS } from './functions/refused';
import type { KNode } from './kusto-language';
import { KustoEngineError } from './types';

/** 1-based line/column of an offset in the query text as sent (\r\n, \n and \r end a line). */
export function positionOf(text: string, offset: number): { line: number; column: number; offset: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/** Prefix of every refusal, also of the runtime refusals raised by error() in SQL (scalar.ts refusalSql). */
export const RUNTIME_UNSUPPORTED = 'The local cluster does not support';

/** Thrown during translation; the engine adds the position from the node. */
export class Unsupported extends Error {
  constructor(
    readonly code: 'UnsupportedOperator' | 'UnsupportedFunction',
    message: string,
    readonly at: KNode | null,
  ) {
    super(message);
  }
}

export function unsupportedOperator(name: string, at: KNode | null, detail = ''): Unsupported {
  return new Unsupported('UnsupportedOperator', `The local cluster does not support the '${name}' operator yet.${detail ? ` ${detail}` : ''}`, at);
}

export function unsupportedFunction(name: string, at: KNode | null, detail = ''): Unsupported {
  const refused = REFUSED_FUNCTIONS[name.toLowerCase()];
  if (refused) return new Unsupported('UnsupportedFunction', `The local cluster does not support the '${name}' function: ${refused}`, at);
  return new Unsupported('UnsupportedFunction', `The local cluster does not support the '${name}' function yet.${detail ? ` ${detail}` : ''}`, at);
}

export function unsupportedSyntax(what: string, at: KNode | null): Unsupported {
  return new Unsupported('UnsupportedOperator', `The local cluster does not support ${what} yet.`, at);
}

export function toEngineError(e: Unsupported, text: string): KustoEngineError {
  const pos = e.at ? positionOf(text, e.at.TextStart) : undefined;
  return new KustoEngineError('unsupported', e.code, e.message, pos);
}

/**
 * A failure DuckDB raised while running translated SQL, as the engine error a host reports: a
 * refusal (error() calls the translator put in the SQL), a limit, or a runtime error with DuckDB's
 * text. DuckDB's messages are the same on every host (node-api, wasm).
 */
export function duckDbFailure(e: unknown): KustoEngineError {
  const message = e instanceof Error ? e.message : String(e);
  const refused = message.indexOf(RUNTIME_UNSUPPORTED);
  if (refused >= 0) return new KustoEngineError('unsupported', 'UnsupportedOperator', message.slice(refused));
  // TIMESTAMP_NS (every datetime the engine returns, and datetime arithmetic) spans 1677-09-21..2262-04-11.
  if (/Timestamp\(US\) to Timestamp\(NS\)|out of range for TIMESTAMP_NS|Timestamp microseconds out of range/i.test(message)) {
    return new KustoEngineError(
      'unsupported',
      'UnsupportedOperator',
      `The local cluster does not support datetimes before 1677-09-21 or after 2262-04-11 in results or datetime arithmetic yet (DuckDB's TIMESTAMP_NS range): ${message}`,
    );
  }
  if (/out of memory/i.test(message)) {
    return new KustoEngineError('runtime', 'LimitsExceeded', `Query execution has exceeded the allowed limits (E_LOW_MEMORY_CONDITION): ${message}`);
  }
  return new KustoEngineError('runtime', 'General_InternalServerError', `Query execution failed: ${message}`);
}
