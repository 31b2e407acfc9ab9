import { describe, expect, it } from 'vitest';
import { describeKustoError, errorFromHttpResponse, isKustoError } from './errors';

const semanticBody = JSON.stringify({
  error: {
    code: 'General_BadRequest', message: 'Request is invalid and cannot be executed.',
    '@type': 'Kusto.Data.Exceptions.KustoBadRequestException',
    '@message': "Request is invalid and cannot be processed: Semantic error: SEM0100: 'table' operator: Failed to resolve table expression named 'aaa'",
    '@permanent': true,
    innererror: { code: 'SEM0100', message: 'x', '@type': 'Kusto.Data.Exceptions.SemanticException', '@errorCode': 'SEM0100', '@line': 1, '@pos': 1 },
  },
});

describe('errorFromHttpResponse', () => {
  it('reads a semantic error with Kusto’s @message, code and position', () => {
    const error = errorFromHttpResponse(400, semanticBody);
    expect(error).toMatchObject({ kind: 'semantic', code: 'SEM0100', line: 1, column: 1, httpStatus: 400 });
    expect(error.message).toContain("Failed to resolve table expression named 'aaa'");
    expect(describeKustoError(error)).toMatch(/\(line 1, column 1\)$/);
  });

  it('reads a syntax error with the position written in the text', () => {
    const body = JSON.stringify({ error: { code: 'BadRequest_SyntaxError', message: 'Syntax error', '@message': 'Syntax error: SYN0002: A recognition error occurred. [line:position=2:7]' } });
    expect(errorFromHttpResponse(400, body)).toMatchObject({ kind: 'syntax', line: 2, column: 7 });
  });

  it('treats 401 without a body as unauthorized', () => {
    expect(errorFromHttpResponse(401, '').kind).toBe('unauthorized');
  });

  it('treats 403 as forbidden', () => {
    expect(errorFromHttpResponse(403, '').kind).toBe('forbidden');
  });

  it('reads Retry-After on 429 in seconds', () => {
    expect(errorFromHttpResponse(429, '', '12')).toMatchObject({ kind: 'throttled', retryAfterSeconds: 12 });
  });

  it('keeps a non-JSON body readable on a 5xx', () => {
    const error = errorFromHttpResponse(502, '<html>Bad gateway</html>');
    expect(error.kind).toBe('server');
    expect(error.message).toContain('502');
  });

  it('maps 504 to timeout', () => {
    expect(errorFromHttpResponse(504, '').kind).toBe('timeout');
  });
});

describe('isKustoError', () => {
  it('recognises error values and rejects other objects', () => {
    expect(isKustoError(errorFromHttpResponse(401, ''))).toBe(true);
    expect(isKustoError(new Error('x'))).toBe(false);
    expect(isKustoError({ kind: 'nope', message: 'x' })).toBe(false);
  });
});
