import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decideLinkRun } from '../features/share/link-run-policy';
import { useLinkOpener, type LinkOpenerOptions } from './use-link-opener';

afterEach(cleanup);

function opener(overrides: Partial<LinkOpenerOptions> = {}) {
  const options: LinkOpenerOptions = {
    trustedHosts: [], knownClusters: ['https://help.kusto.windows.net'], defaultDatabaseOf: () => 'Samples', openFileNames: [],
    openTab: vi.fn(() => 'new-tab'), setParameterValue: vi.fn(), run: vi.fn(), askTenant: vi.fn(), wantFiles: vi.fn(), ...overrides,
  };
  const hook = renderHook(() => useLinkOpener(options));
  return { options, hook };
}

const link = (clusterUrl: string, query: string) => ({
  clusterUrl, database: 'Samples', query, parameters: { n: '2' }, decision: decideLinkRun({ query, autorun: true }),
});

describe('useLinkOpener', () => {
  it('opens a link to a listed cluster in a new tab, sets its parameters and runs it there', async () => {
    const { options, hook } = opener();
    await waitFor(() => expect(hook.result.current.startLinkStatus).toBe('none'));
    let opened;
    act(() => {
      opened = hook.result.current.openLink(link('https://help.kusto.windows.net', 'print 1'));
    });
    expect(opened).toEqual({ clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'print 1', parameters: { n: '2' } });
    expect(options.openTab).toHaveBeenCalledWith({ clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'print 1' });
    expect(options.setParameterValue).toHaveBeenCalledWith('n', '2');
    expect(options.run).toHaveBeenCalledWith('new-tab', expect.objectContaining({ text: 'print 1', properties: { Options: { request_readonly: true } } }));
    expect(options.askTenant).not.toHaveBeenCalled();
    expect(hook.result.current.notice).toBeNull();
  });

  it('asks the tenant of a cluster not listed and runs nothing until it is answered', async () => {
    const { options, hook } = opener();
    await waitFor(() => expect(hook.result.current.startLinkStatus).toBe('none'));
    act(() => void hook.result.current.openLink(link('https://other.kusto.windows.net', 'print 1')));
    expect(options.run).not.toHaveBeenCalled();
    expect(options.askTenant).toHaveBeenCalledWith({
      clusterUrl: 'https://other.kusto.windows.net', run: { tabId: 'new-tab', request: expect.objectContaining({ text: 'print 1' }) },
    });
  });

  it('refuses an untrusted host with a notice, opens no tab, and the notice can be dismissed', async () => {
    const { options, hook } = opener();
    await waitFor(() => expect(hook.result.current.startLinkStatus).toBe('none'));
    let opened;
    act(() => {
      opened = hook.result.current.openLink(link('https://kusto.evil.example', 'print 1'));
    });
    expect(opened).toBeNull();
    expect(options.openTab).not.toHaveBeenCalled();
    expect(hook.result.current.notice).toMatch(/^The link was not opened/);
    act(() => hook.result.current.dismissNotice());
    expect(hook.result.current.notice).toBeNull();
  });
});
