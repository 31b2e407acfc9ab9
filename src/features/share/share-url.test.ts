import { describe, expect, it } from 'vitest';
import { readStartLink, writeShareUrl, type ShareUrlEnvironment } from './share-url';
import { memoryStorage } from '../../testing/memory-storage';

function environment(href: string, storage = memoryStorage(), navigationType = 'navigate'): ShareUrlEnvironment & { written: string[] } {
  const written: string[] = [];
  const location = { href, origin: new URL(href).origin };
  return {
    written,
    location,
    storage,
    navigationType,
    base: `${location.origin}/`,
    history: {
      state: null,
      replaceState: (_state: unknown, _unused: string, url?: string | URL | null) => {
        written.push(String(url));
        location.href = String(url);
      },
    },
  };
}

describe('the address bar as the share link', () => {
  it('writes the active tab as /clusters/<host>/databases/<db>?query=<base64 gzip>', async () => {
    const env = environment('https://app.example/');
    const url = await writeShareUrl({ clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'StormEvents\n| take 10' }, env);
    expect(url).toMatch(/^https:\/\/app\.example\/clusters\/help\.kusto\.windows\.net\/databases\/Samples\?query=H4sI/);
    expect(env.written).toEqual([url]);
  });

  it('reads the link the page was opened with, ADX example included', async () => {
    const env = environment('https://app.example/clusters/help/databases/Samples?query=H4sIAAAAAAAAAwsuyS%2FKdS1LzSsp5qpRKEnMTlUwNAAAWuk9VBUAAAA%3D');
    const start = await readStartLink(env);
    expect(start).toEqual({
      kind: 'link',
      reloaded: false,
      link: { clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'StormEvents\n| take 10', parameters: {}, autorun: true, source: 'app' },
    });
  });

  it('takes a reload or a back/forward visit for the app’s own state even when a newer URL was written since', async () => {
    const storage = memoryStorage();
    const writer = environment('https://app.example/', storage);
    const older = await writeShareUrl({ clusterUrl: 'https://localhost:8443', database: 'Samples', query: 'StormEvents | take 10' }, writer);
    // The debounced write of the newer text lands while the reload of the older URL is under way.
    await writeShareUrl({ clusterUrl: 'https://localhost:8443', database: 'Samples', query: 'StormEvents | count' }, writer);
    for (const type of ['reload', 'back_forward']) {
      const start = await readStartLink(environment(older, storage, type));
      expect(start).toMatchObject({ kind: 'link', reloaded: true });
    }
    // Opened afresh (typed or pasted into the address bar), the same URL is a link to open.
    expect(await readStartLink(environment(older, storage, 'navigate'))).toMatchObject({ kind: 'link', reloaded: false });
  });

  it('knows a reload of the URL it wrote itself', async () => {
    const storage = memoryStorage();
    const writer = environment('https://app.example/', storage);
    const url = await writeShareUrl({ clusterUrl: 'https://localhost:8443', database: 'Samples', query: 'print 1', parameters: { n: '5' } }, writer);
    const start = await readStartLink(environment(url, storage));
    expect(start.kind === 'link' && start.reloaded).toBe(true);
    expect(start.kind === 'link' && start.link.parameters).toEqual({ n: '5' });
  });

  it('is not a link without /clusters/, and says why a broken one is refused', async () => {
    expect(await readStartLink(environment('https://app.example/'))).toEqual({ kind: 'none' });
    const broken = await readStartLink(environment('https://app.example/clusters/http%3A%2F%2Fevil.example/databases/x?query=abc'));
    expect(broken).toEqual({ kind: 'invalid', reason: expect.stringMatching(/HTTPS/) });
  });
});
