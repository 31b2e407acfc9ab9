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
  return new Unsupported('UnsupportedFunction', `The local cluster does not support the '${name}' function yet.${detail ? ` ${detail}` : ''}`, at);
}

export function unsupportedSyntax(what: string, at: KNode | null): Unsupported {
  return new Unsupported('UnsupportedOperator', `The local cluster does not support ${what} yet.`, at);
}

export function toEngineError(e: Unsupported, text: string): KustoEngineError {
  const pos = e.at ? positionOf(text, e.at.TextStart) : undefined;
  return new KustoEngineError('unsupported', e.code, e.message, pos);
}
