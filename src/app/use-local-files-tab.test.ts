import type { AccountInfo } from '@azure/msal-browser';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkFilesFor, useLocalFilesTab } from './use-local-files-tab';

afterEach(cleanup);

const account = { homeAccountId: 'home-1', username: 'ada@local.test' } as AccountInfo;
const tables = [{ name: 'sales', fileName: 'sales.csv' }, { name: 'rates', fileName: 'rates.parquet' }];

describe('linkFilesFor', () => {
  it('names the files whose table the query mentions', () => {
    expect(linkFilesFor('sales | join rates on Day', tables)).toEqual(['sales.csv', 'rates.parquet']);
    expect(linkFilesFor('sales\n| count', tables)).toEqual(['sales.csv']);
  });

  it('names every open file when the query mentions none, and not a table inside a longer name', () => {
    expect(linkFilesFor('print 1', tables)).toEqual(['sales.csv', 'rates.parquet']);
    expect(linkFilesFor('wholesales | count', tables)).toEqual(['sales.csv', 'rates.parquet']);
  });
});

describe('useLocalFilesTab', () => {
  function wired(isLocal: boolean) {
    const openLocalTab = vi.fn();
    const selectLocal = vi.fn();
    const hook = renderHook(() => useLocalFilesTab({ account, isLocal, tabText: 'print 1', openLocalTab, selectLocal }));
    return { openLocalTab, selectLocal, hook };
  }

  it('from a cluster tab: no link files; opening files opens a Local files tab; the tree node and the reopen notice select local files', async () => {
    const { openLocalTab, selectLocal, hook } = wired(false);
    expect(hook.result.current.linkFiles).toBeUndefined();
    act(() => hook.result.current.pane.onOpenFiles([]));
    expect(openLocalTab).toHaveBeenCalledTimes(1);
    act(() => hook.result.current.pane.onSelect());
    expect(selectLocal).toHaveBeenCalledTimes(1);
    await act(async () => {
      await hook.result.current.reopenFromHandles();
    });
    expect(selectLocal).toHaveBeenCalledTimes(2);
  });

  it('from a Local files tab: files open there, and the tab stays as it is', async () => {
    const { openLocalTab, selectLocal, hook } = wired(true);
    expect(hook.result.current.linkFiles).toEqual([]);
    expect(hook.result.current.pane.active).toBe(true);
    act(() => hook.result.current.pane.onOpenFiles([]));
    act(() => hook.result.current.openWanted([]));
    expect(openLocalTab).not.toHaveBeenCalled();
    expect(selectLocal).not.toHaveBeenCalled();
  });
});
