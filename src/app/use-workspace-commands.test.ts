import { act, cleanup, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TabsStore } from '../features/tabs/hooks/tabs-store';
import { useWorkspaceCommands } from './use-workspace-commands';

// Each test's listener must go: an earlier one would answer (and mark handled) the next test's keys.
afterEach(cleanup);

function commands(running: boolean) {
  const tabsStore = { getState: vi.fn(), dispatch: vi.fn(), subscribe: vi.fn() } as unknown as TabsStore & { dispatch: ReturnType<typeof vi.fn> };
  const cancel = vi.fn();
  const hook = renderHook(() => useWorkspaceCommands({ tabsStore, clusterUrl: 'https://localhost:8443', database: 'Samples', running, cancel }));
  return { tabsStore, cancel, hook };
}

describe('useWorkspaceCommands', () => {
  it('Escape cancels the running query', () => {
    const { cancel } = commands(true);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('Escape with nothing running cancels nothing', () => {
    const { cancel } = commands(false);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(cancel).not.toHaveBeenCalled();
  });

  it('Ctrl+J and the + button open a tab on the same connection; Ctrl+Alt+] and [ move between tabs; Ctrl+Alt+Shift+T reopens', () => {
    const { tabsStore, hook } = commands(false);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', code: 'KeyJ', ctrlKey: true, bubbles: true, cancelable: true }));
    act(() => hook.result.current.newTab());
    expect(tabsStore.dispatch.mock.calls.map(([a]) => [a.type, a.clusterUrl, a.database])).toEqual([
      ['new', 'https://localhost:8443', 'Samples'], ['new', 'https://localhost:8443', 'Samples'],
    ]);
    tabsStore.dispatch.mockClear();
    fireEvent.keyDown(window, { key: ']', code: 'BracketRight', ctrlKey: true, altKey: true });
    fireEvent.keyDown(window, { key: '[', code: 'BracketLeft', ctrlKey: true, altKey: true });
    fireEvent.keyDown(window, { key: 'T', code: 'KeyT', ctrlKey: true, altKey: true, shiftKey: true });
    expect(tabsStore.dispatch.mock.calls.map(([a]) => a)).toEqual([
      { type: 'activate-relative', step: 1 }, { type: 'activate-relative', step: -1 }, { type: 'reopen-closed' },
    ]);
  });
});
