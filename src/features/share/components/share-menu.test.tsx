import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeQueryFromLink } from '../../../kusto/deep-link';
import { selectors } from '../../../testing/selectors';
import { decodeTable } from '../../../testing/test-tables';
import { col } from '../../../testing/v2-factories';
import type { ShareClip, ShareClipboard } from '../clipboard-export';
import { OpenLinkAction } from './open-link-dialog';
import { ShareMenu, type ShownTable } from './share-menu';

afterEach(cleanup);

function fakeClipboard() {
  const texts: string[] = [];
  const rich: ShareClip[] = [];
  const clipboard: ShareClipboard = {
    writeText: async (t) => void texts.push(t),
    writeRich: async (c) => void rich.push(c),
  };
  return { clipboard, texts, rich };
}

const status = () => screen.getByRole('status', { name: selectors.share.status.name });

describe('ShareMenu', () => {
  it('as a menu, keeps its actions behind "Share" while the shortcut and status stay live', async () => {
    const user = userEvent.setup();
    const { clipboard, texts } = fakeClipboard();
    render(<ShareMenu layout="menu" clusterUrl="https://localhost:8443" database="Samples" query="print 1" clipboard={clipboard} appBase="https://app.example/" />);
    expect(screen.queryByRole('menuitem', { name: selectors.share.copyLink.name })).toBeNull();

    fireEvent.keyDown(document.body, { code: 'KeyL', key: 'L', shiftKey: true, altKey: true });
    await waitFor(() => expect(status().textContent).toBe('Link copied.'));
    expect(texts).toHaveLength(1);

    const toggle = screen.getByRole(selectors.share.menu.role, { name: selectors.share.menu.name });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const adx = screen.getByRole('menuitem', { name: (n) => n.startsWith(selectors.share.openInAdx.name) });
    expect(adx.getAttribute('aria-disabled')).toBe('true');
    expect(adx.textContent).toBe('Open in Azure Data Explorer — A cluster on this computer cannot be opened in Azure Data Explorer.');
    await user.click(screen.getByRole('menuitem', { name: selectors.share.copyLink.name }));
    await waitFor(() => expect(texts).toHaveLength(2));
    // An action closes the menu and gives focus back to its button.
    expect(screen.queryByRole('menuitem', { name: selectors.share.copyLink.name })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('follows the menu button pattern from the keyboard: into the menu, arrows, Esc back to the button', async () => {
    const user = userEvent.setup();
    const { clipboard } = fakeClipboard();
    render(<ShareMenu layout="menu" clusterUrl="https://localhost:8443" database="Samples" query="print 1" clipboard={clipboard} shortcut={false} />);
    const toggle = screen.getByRole(selectors.share.menu.role, { name: selectors.share.menu.name });
    toggle.focus();
    await user.keyboard('{Enter}');
    const items = screen.getAllByRole('menuitem');
    expect(items.map((i) => i.textContent?.split(' — ')[0])).toEqual([selectors.share.copyLink.name, selectors.share.openInAdx.name, selectors.share.copyWithResults.name]);
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[1]);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(items[2]);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(items[0]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(toggle);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(screen.getAllByRole('menuitem')[2]);
  });

  it('copies our link, and the same with Shift+Alt+L', async () => {
    const user = userEvent.setup();
    const { clipboard, texts } = fakeClipboard();
    render(<ShareMenu clusterUrl="https://help.kusto.windows.net" database="Samples" query={'StormEvents\n| take 10'} clipboard={clipboard} appBase="https://app.example/" />);
    await user.click(screen.getByRole('button', { name: selectors.share.copyLink.name }));
    await waitFor(() => expect(status().textContent).toBe('Link copied.'));
    const url = new URL(texts[0]!);
    expect(url.pathname).toBe('/clusters/help.kusto.windows.net/databases/Samples');
    expect(await decodeQueryFromLink(url.searchParams.get('query')!)).toBe('StormEvents\n| take 10');

    fireEvent.keyDown(document.body, { code: 'KeyL', key: 'Ł', shiftKey: true, altKey: true });
    await waitFor(() => expect(texts).toHaveLength(2));
  });

  it('refuses a link over 8,000 characters with the reason, and copies nothing', async () => {
    const user = userEvent.setup();
    const { clipboard, texts } = fakeClipboard();
    // Random text doesn't compress: the gzipped base64 stays longer than the limit.
    let seed = 7;
    const noise = Array.from({ length: 9000 }, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90))).join('');
    render(<ShareMenu clusterUrl="https://help.kusto.windows.net" database="Samples" query={`print "${noise}"`} clipboard={clipboard} appBase="https://app.example/" />);
    await user.click(screen.getByRole('button', { name: selectors.share.copyLink.name }));
    await waitFor(() => expect(status().textContent).toMatch(/^This link would be [\d,]+ characters; links over 8,000 are not shared\./));
    expect(texts).toEqual([]);
  });

  it('opens Azure Data Explorer for a public cluster and explains why not for a local one', async () => {
    const user = userEvent.setup();
    const opened: string[] = [];
    const { unmount } = render(
      <ShareMenu clusterUrl="https://mycluster.westeurope.kusto.usgovcloudapi.net" database="db" query="T | count" openWindow={(u) => opened.push(u)} shortcut={false} />,
    );
    const adx = screen.getByRole('button', { name: selectors.share.openInAdx.name });
    await waitFor(() => expect((adx as HTMLButtonElement).disabled).toBe(false));
    await user.click(adx);
    expect(opened[0]).toMatch(/^https:\/\/dataexplorer\.azure\.us\/clusters\/mycluster\.westeurope\.kusto\.usgovcloudapi\.net\/databases\/db\?query=H4sI/);
    unmount();

    render(<ShareMenu clusterUrl="https://localhost:8443" database="Samples" query="T" shortcut={false} />);
    const local = screen.getByRole('button', { name: selectors.share.openInAdx.name });
    await waitFor(() => expect(local.getAttribute('aria-describedby')).not.toBeNull());
    expect((local as HTMLButtonElement).disabled).toBe(true);
    expect(document.getElementById(local.getAttribute('aria-describedby')!)?.textContent).toBe('A cluster on this computer cannot be opened in Azure Data Explorer.');
  });

  it('copies query, link and results as HTML and Markdown', async () => {
    const user = userEvent.setup();
    const { clipboard, rich } = fakeClipboard();
    render(<ShareMenu clusterUrl="https://localhost:8443" database="Samples" query="print n = 1" clipboard={clipboard} appBase="https://app.example/" shortcut={false} />);
    await user.click(screen.getByRole('button', { name: selectors.share.copyWithResults.name }));
    await waitFor(() => expect(status().textContent).toBe('Copied the query, link and results.'));
    expect(rich[0]?.text).toContain('```kusto\nprint n = 1\n```');
    expect(rich[0]?.html).toContain('<a href="https://app.example/clusters/localhost:8443/databases/Samples?query=');
  });

  it('copies the table shown when the copy is clicked, in the order shown', async () => {
    const user = userEvent.setup();
    const { clipboard, rich } = fakeClipboard();
    let shown: ShownTable = { table: decodeTable([col('n', 'long')], [[1]]), order: null };
    render(<ShareMenu clusterUrl="https://localhost:8443" database="Samples" query="T" clipboard={clipboard} shownTable={() => shown} shortcut={false} />);
    // Sorted after the menu rendered: nothing re-renders it, the click reads the new view.
    shown = { table: decodeTable([col('n', 'long')], [[10], [20], [30]]), order: Uint32Array.from([2, 0]) };
    await user.click(screen.getByRole('button', { name: selectors.share.copyWithResults.name }));
    await waitFor(() => expect(rich).toHaveLength(1));
    expect(rich[0]?.text).toContain('| n |\n| --: |\n| 30 |\n| 10 |');
  });
});

describe('Open link', () => {
  it('opens an ADX link and passes on the run decision', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<OpenLinkAction onOpen={onOpen} appOrigin="https://app.example" />);
    await user.click(screen.getByRole('button', { name: selectors.share.openLink.name }));
    const dialog = screen.getByRole('dialog', { name: selectors.share.dialog.name });
    expect(dialog).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: selectors.share.linkInput.name }), 'https://dataexplorer.azure.com/clusters/help/databases/Samples?query=H4sIAAAAAAAAAwsuyS%2FKdS1LzSsp5qpRKEnMTlUwNAAAWuk9VBUAAAA%3D');
    await user.click(screen.getByRole('button', { name: selectors.share.openButton.name }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledOnce());
    expect(onOpen.mock.calls[0]![0]).toEqual({
      clusterUrl: 'https://help.kusto.windows.net',
      database: 'Samples',
      query: 'StormEvents\n| take 10',
      parameters: {},
      source: 'adx',
      decision: { run: true, properties: { Options: { request_readonly: true } } },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('refuses a link from another site at the input, with the reason', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<OpenLinkAction onOpen={onOpen} appOrigin="https://app.example" />);
    await user.click(screen.getByRole('button', { name: selectors.share.openLink.name }));
    const input = screen.getByRole('textbox', { name: selectors.share.linkInput.name });
    await user.type(input, 'https://evil.example/clusters/help/databases/Samples?query=x');
    await user.click(screen.getByRole('button', { name: selectors.share.openButton.name }));
    expect((await screen.findByRole('alert')).textContent).toBe('Links from https://evil.example are not query links of this app or of Azure Data Explorer.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('opens a management command without running it', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<OpenLinkAction onOpen={onOpen} appOrigin="https://app.example" />);
    await user.click(screen.getByRole('button', { name: selectors.share.openLink.name }));
    await user.type(screen.getByRole('textbox', { name: selectors.share.linkInput.name }), 'https://app.example/clusters/localhost:8443/databases/Samples?query=.drop%20table%20StormEvents');
    await user.click(screen.getByRole('button', { name: selectors.share.openButton.name }));
    await waitFor(() => expect(onOpen).toHaveBeenCalledOnce());
    expect(onOpen.mock.calls[0]![0]).toMatchObject({ query: '.drop table StormEvents', decision: { run: false } });
  });
});
