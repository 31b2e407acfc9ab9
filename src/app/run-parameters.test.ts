import { describe, expect, it } from 'vitest';
import { linkParametersFor, parametersFor } from './run-parameters';

describe('linkParametersFor', () => {
  it('carries the typed values of declared parameters only, and no empty ones', () => {
    const text = 'declare query_parameters(n:long = 1, s:string); T | take n';
    expect(linkParametersFor(text, { n: '3', s: '', other: 'x' })).toEqual({ n: '3' });
    expect(linkParametersFor('T | take 1', { n: '3' })).toEqual({});
  });
});

describe('parametersFor', () => {
  it('sends only the parameters the text declares, as the literals typed', () => {
    expect(parametersFor('declare query_parameters(n:long = 1); T | take n', { n: '3', other: 'x' })).toEqual({ ok: true, parameters: { n: '3' } });
  });

  it('sends no Parameters when the text declares none', () => {
    expect(parametersFor('T | take 1', { n: '3' })).toEqual({ ok: true, parameters: undefined });
  });

  it('refuses a value its type cannot hold, naming the parameter', () => {
    const result = parametersFor('declare query_parameters(n:long = 1); T | take n', { n: 'x' });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/^n: /);
  });
});
