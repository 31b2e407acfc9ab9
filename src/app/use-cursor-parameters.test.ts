import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Statement } from '../features/editor/types';
import { useCursorParameters } from './use-cursor-parameters';

afterEach(cleanup);

const first = 'declare query_parameters(n:long);\nT | take n';
const second = 'declare query_parameters(s:string);\nT | where Name == s';
const text = `${first};\n${second}`;
const at = (statement: string): Statement => ({ text: statement, start: text.indexOf(statement), end: text.indexOf(statement) + statement.length });

describe('useCursorParameters', () => {
  it('shows the inputs of the statement at the cursor, read again when asked', () => {
    let cursor = at(first);
    const { result } = renderHook(() => useCursorParameters({ tabId: 't1', tabText: text, statementToRun: () => cursor }));
    expect(result.current.params.declared.map((p) => p.name)).toEqual(['n']);
    cursor = at(second);
    // The cursor moved, but nothing told the hook yet.
    expect(result.current.params.declared.map((p) => p.name)).toEqual(['n']);
    act(() => result.current.readCursorStatement());
    expect(result.current.params.declared.map((p) => p.name)).toEqual(['s']);
  });

  it('reads the statement again when the tab changes', () => {
    let cursor = at(first);
    const { result, rerender } = renderHook(({ tabId }) => useCursorParameters({ tabId, tabText: text, statementToRun: () => cursor }), { initialProps: { tabId: 't1' } });
    cursor = at(second);
    rerender({ tabId: 't2' });
    expect(result.current.params.declared.map((p) => p.name)).toEqual(['s']);
  });

  it("share links carry the typed values of any parameter the tab declares, not only the cursor's", () => {
    const { result } = renderHook(() => useCursorParameters({ tabId: 't1', tabText: text, statementToRun: () => at(second) }));
    act(() => result.current.params.setValue('s', '"Ada"'));
    act(() => result.current.params.setValue('n', '3'));
    act(() => result.current.params.setValue('gone', 'x'));
    expect(result.current.linkParameters).toEqual({ s: '"Ada"', n: '3' });
  });
});
