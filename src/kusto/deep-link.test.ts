import { describe, expect, it } from 'vitest';
import { LOCAL_FILES_CLUSTER, LOCAL_FILES_DATABASE } from './local-files';
import {
  LINK_REFUSE_LENGTH,
  LINK_WARN_LENGTH,
  adxUiOriginFor,
  checkLinkLength,
  decodeQueryFromLink,
  encodeQueryForLink,
  parseClusterSegment,
  parseShareLink,
  toAdxLink,
  toClusterSegment,
  toShareLink,
} from './deep-link';

const ADX_EXAMPLE = 'H4sIAAAAAAAAAwsuyS/KdS1LzSsp5qpRKEnMTlUwNAAAWuk9VBUAAAA=';

describe('query codec', () => {
  it('decodes the Azure Data Explorer docs example exactly', async () => {
    expect(await decodeQueryFromLink(ADX_EXAMPLE)).toBe('StormEvents\n| take 10');
  });

  it('decodes the example escaped the way Kusto.Explorer writes it', async () => {
    const escaped = ADX_EXAMPLE.replace(/\//g, '%2f').replace(/\+/g, '%2b').replace(/=/g, '%3d');
    expect(escaped).not.toBe(ADX_EXAMPLE);
    expect(await decodeQueryFromLink(escaped)).toBe('StormEvents\n| take 10');
  });

  it('decodes base64 whose + turned into a space, that lost its padding, or is base64url', async () => {
    let text = '';
    let encoded = '';
    for (let i = 0; !encoded.includes('+'); i++) {
      text = `print n = ${i}, s = "é"`;
      encoded = await encodeQueryForLink(text);
    }
    expect(await decodeQueryFromLink(encoded.replace(/\+/g, ' '))).toBe(text);
    expect(await decodeQueryFromLink(ADX_EXAMPLE.replace(/=+$/, ''))).toBe('StormEvents\n| take 10');
    expect(await decodeQueryFromLink(ADX_EXAMPLE.replace(/\//g, '_').replace(/\+/g, '-'))).toBe('StormEvents\n| take 10');
  });

  it('takes plain text that is not base64 gzip as the query', async () => {
    expect(await decodeQueryFromLink('StormEvents | take 10')).toBe('StormEvents | take 10');
    expect(await decodeQueryFromLink('StormEvents')).toBe('StormEvents');
  });

  it('takes plain text still URL-encoded, with + as a space', async () => {
    expect(await decodeQueryFromLink('KustoLogs+%7c+where+Timestamp+>+ago(1h)+%7c+count')).toBe(
      'KustoLogs | where Timestamp > ago(1h) | count',
    );
  });

  it('treats text that starts like gzip but is not as plain text', async () => {
    expect(await decodeQueryFromLink('H4sIbroken')).toBe('H4sIbroken');
  });

  it('writes standard padded base64 that starts with the gzip magic', async () => {
    const encoded = await encodeQueryForLink('StormEvents\n| take 10');
    expect(encoded).toMatch(/^H4sI[A-Za-z0-9+/]+={0,2}$/);
    expect(encoded.length % 4).toBe(0);
  });

  it.each([
    ['ASCII', 'StormEvents\n| where State == "TEXAS"\n| summarize count() by EventType'],
    ['Unicode with emoji and RTL', 'print s = "שלום עולם 🌩️ مرحبا 雷雨 Ünïcødé"'],
    ['empty', ''],
    ['a 20 KB query', Array.from({ length: 800 }, (_, i) => `| extend c${i} = ${i} * 2 // ${'x'.repeat(i % 7)}`).join('\n')],
  ])('round-trips %s', async (_name, text) => {
    const encoded = await encodeQueryForLink(text);
    expect(await decodeQueryFromLink(encoded)).toBe(text);
    // as it travels through a URL and back
    const viaUrl = new URL(`https://x.test/?query=${encodeURIComponent(encoded)}`).searchParams.get('query')!;
    expect(await decodeQueryFromLink(viaUrl)).toBe(text);
  });

  it('round-trips a 20 KB query that does not compress well', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const text = Array.from({ length: 20_000 }, () => String.fromCharCode(33 + Math.floor(random() * 90))).join('');
    expect(text.length).toBe(20_000);
    expect(await decodeQueryFromLink(await encodeQueryForLink(text))).toBe(text);
  });
});

describe('parseClusterSegment', () => {
  it.each([
    ['help', 'https://help.kusto.windows.net'],
    ['HELP', 'https://help.kusto.windows.net'],
    ['kvc9rf7q4d68qcw5sk2d6f.northeurope', 'https://kvc9rf7q4d68qcw5sk2d6f.northeurope.kusto.windows.net'],
    ['help.kusto.windows.net', 'https://help.kusto.windows.net'],
    ['mycluster.kusto.usgovcloudapi.net', 'https://mycluster.kusto.usgovcloudapi.net'],
    ['mycluster.westus.kusto.chinacloudapi.cn', 'https://mycluster.westus.kusto.chinacloudapi.cn'],
    ['localhost:8443', 'https://localhost:8443'],
    ['localhost', 'https://localhost'],
    ['127.0.0.1:8443', 'https://127.0.0.1:8443'],
    ['https%3a%2f%2fhelp.kusto.windows.net', 'https://help.kusto.windows.net'],
    ['https%3A%2F%2Fhelp.kusto.windows.net%2F', 'https://help.kusto.windows.net'],
    ['https%253a%252f%252fhelp.kusto.windows.net', 'https://help.kusto.windows.net'],
    ['https://localhost:8443/', 'https://localhost:8443'],
    ['https://help.kusto.windows.net:443', 'https://help.kusto.windows.net'],
    ['https://mycluster.kusto.windows.net:4443', 'https://mycluster.kusto.windows.net:4443'],
  ])('reads %s as %s', (segment, clusterUrl) => {
    expect(parseClusterSegment(segment)).toEqual({ ok: true, value: clusterUrl });
  });

  it.each(['', 'http%3a%2f%2fhelp.kusto.windows.net', 'http://localhost:8443', 'bad name', 'x%zz', 'https://user:pw@help.kusto.windows.net'])(
    'refuses %j',
    (segment) => {
      const result = parseClusterSegment(segment);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['https://help.kusto.windows.net', 'help.kusto.windows.net'],
    ['https://localhost:8443', 'localhost:8443'],
    ['https://mycluster.kusto.usgovcloudapi.net/', 'mycluster.kusto.usgovcloudapi.net'],
    ['https://mycluster.kusto.windows.net:443', 'mycluster.kusto.windows.net'],
  ])('writes %s as %s, which reads back to the same cluster', (clusterUrl, segment) => {
    expect(toClusterSegment(clusterUrl)).toBe(segment);
    expect(parseClusterSegment(segment)).toEqual({ ok: true, value: new URL(clusterUrl).origin });
  });
});

describe('share links', () => {
  const origin = 'https://localhost:5173';

  it('writes /clusters/<host>/databases/<db>?query=<base64 gzip>', async () => {
    const link = await toShareLink(origin, { clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'StormEvents\n| take 10' });
    const url = new URL(link);
    expect(url.origin).toBe(origin);
    expect(url.pathname).toBe('/clusters/help.kusto.windows.net/databases/Samples');
    expect(url.searchParams.get('query')).toMatch(/^H4sI/);
    expect([...url.searchParams.keys()]).toEqual(['query']);
  });

  it('keeps a non-default port and escapes the database name', async () => {
    const link = await toShareLink(`${origin}/`, { clusterUrl: 'https://localhost:8443', database: 'My DB/1', query: 'print 1' });
    expect(new URL(link).pathname).toBe('/clusters/localhost:8443/databases/My%20DB%2F1');
  });

  it('round-trips cluster, database, query, parameters and autorun', async () => {
    const input = {
      clusterUrl: 'https://localhost:8443',
      database: 'Samples & more',
      query: 'declare query_parameters(n:long = 5, s:string);\nStormEvents | where State == s | take n // «ünï»',
      parameters: { n: '10', s: 'NEW YORK & Co' },
      autorun: false,
    };
    const parsed = await parseShareLink(await toShareLink(origin, input), origin);
    expect(parsed).toEqual({
      ok: true,
      value: { clusterUrl: input.clusterUrl, database: input.database, query: input.query, parameters: input.parameters, autorun: false, source: 'app' },
    });
  });

  it('keeps a base path in the app origin', async () => {
    const link = await toShareLink('https://tools.contoso.com/kql/', { clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'print 1' });
    expect(link.startsWith('https://tools.contoso.com/kql/clusters/help.kusto.windows.net/databases/Samples?query=')).toBe(true);
    const parsed = await parseShareLink(link, 'https://tools.contoso.com/kql/');
    expect(parsed.ok && parsed.value.query).toBe('print 1');
  });

  it('reads the ADX docs link with the short cluster name', async () => {
    const parsed = await parseShareLink(`https://dataexplorer.azure.com/clusters/help/databases/Samples?query=${ADX_EXAMPLE}`, origin);
    expect(parsed).toEqual({
      ok: true,
      value: { clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'StormEvents\n| take 10', parameters: {}, autorun: true, source: 'adx' },
    });
  });

  it('reads ADX links with an encoded cluster URL, web= and autorun=false', async () => {
    const parsed = await parseShareLink(
      `https://dataexplorer.azure.com/clusters/https%3a%2f%2fhelp.kusto.windows.net/databases/Samples?web=0&query=${encodeURIComponent(ADX_EXAMPLE)}&autorun=false`,
    );
    expect(parsed.ok && parsed.value).toMatchObject({ clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'StormEvents\n| take 10', autorun: false });
  });

  it('reads .us and .cn web UI links and a link without a database', async () => {
    const us = await parseShareLink('https://dataexplorer.azure.us/clusters/mycluster.kusto.usgovcloudapi.net/databases/Ops?query=print%201');
    expect(us.ok && us.value).toMatchObject({ clusterUrl: 'https://mycluster.kusto.usgovcloudapi.net', database: 'Ops', query: 'print 1' });
    const cn = await parseShareLink('https://dataexplorer.azure.cn/clusters/c1.chinaeast2.kusto.chinacloudapi.cn');
    expect(cn.ok && cn.value).toEqual({
      clusterUrl: 'https://c1.chinaeast2.kusto.chinacloudapi.cn',
      database: null,
      query: null,
      parameters: {},
      autorun: false,
      source: 'adx',
    });
  });

  it('lets uri= override the cluster, as the deep-link docs say', async () => {
    const parsed = await parseShareLink('https://dataexplorer.azure.com/clusters/help/databases/Samples?uri=https%3A%2F%2Fother.westeurope.kusto.windows.net');
    expect(parsed.ok && parsed.value.clusterUrl).toBe('https://other.westeurope.kusto.windows.net');
  });

  it('never auto-runs a management command from a link', async () => {
    const link = await toShareLink(origin, { clusterUrl: 'https://localhost:8443', database: 'Samples', query: '// cleanup\n.drop table StormEvents' });
    const parsed = await parseShareLink(link, origin);
    expect(parsed.ok && parsed.value.autorun).toBe(false);
  });

  it('refuses links from other origins when the app origin is given, and links with no cluster', async () => {
    expect((await parseShareLink('https://evil.example/clusters/help/databases/Samples?query=print%201', origin)).ok).toBe(false);
    expect((await parseShareLink(`${origin}/databases/Samples?query=x`, origin)).ok).toBe(false);
    expect((await parseShareLink('not a url')).ok).toBe(false);
  });
});

describe('toAdxLink', () => {
  it.each([
    ['https://help.kusto.windows.net', 'https://dataexplorer.azure.com'],
    ['https://mycluster.kustomfa.windows.net', 'https://dataexplorer.azure.com'],
    ['https://ws-pool.kusto.azuresynapse.net', 'https://dataexplorer.azure.com'],
    ['https://trd-abc.z0.kusto.fabric.microsoft.com', 'https://dataexplorer.azure.com'],
    ['https://mycluster.kusto.usgovcloudapi.net', 'https://dataexplorer.azure.us'],
    ['https://mycluster.chinaeast2.kusto.chinacloudapi.cn', 'https://dataexplorer.azure.cn'],
    ['https://ws-pool.kusto.azuresynapse.azure.cn', 'https://dataexplorer.azure.cn'],
  ])('opens %s in %s', async (clusterUrl, uiOrigin) => {
    expect(adxUiOriginFor(clusterUrl)).toBe(uiOrigin);
    const link = await toAdxLink({ clusterUrl, database: 'Samples', query: 'StormEvents\n| take 10' });
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    const url = new URL(link.value);
    expect(url.origin).toBe(uiOrigin);
    expect(url.pathname).toBe(`/clusters/${new URL(clusterUrl).host}/databases/Samples`);
    const back = await parseShareLink(link.value);
    expect(back.ok && back.value).toMatchObject({ clusterUrl, database: 'Samples', query: 'StormEvents\n| take 10', source: 'adx' });
  });

  it('has no ADX link for a loopback cluster or an unknown cloud, and says why', async () => {
    const local = await toAdxLink({ clusterUrl: 'https://localhost:8443', database: 'Samples', query: 'print 1' });
    expect(local).toEqual({ ok: false, reason: expect.stringMatching(/this computer/) });
    const unknown = await toAdxLink({ clusterUrl: 'https://kusto.contoso.com', database: 'Samples', query: 'print 1' });
    expect(unknown).toEqual({ ok: false, reason: expect.stringMatching(/kusto\.contoso\.com/) });
  });
});

describe('checkLinkLength', () => {
  it('is ok up to 2,000 characters, warns above, refuses above 8,000', () => {
    expect(checkLinkLength('x'.repeat(LINK_WARN_LENGTH))).toEqual({ level: 'ok', length: 2000 });
    const warn = checkLinkLength('x'.repeat(LINK_WARN_LENGTH + 1));
    expect(warn.level).toBe('warn');
    expect(warn.level === 'warn' && warn.message).toMatch(/2,001 characters/);
    expect(checkLinkLength('x'.repeat(LINK_REFUSE_LENGTH)).level).toBe('warn');
    const refuse = checkLinkLength('x'.repeat(LINK_REFUSE_LENGTH + 1));
    expect(refuse.level).toBe('refuse');
    expect(refuse.level === 'refuse' && refuse.message).toMatch(/8,000/);
  });
});

describe('local-files links', () => {
  it('carry the query and the file names, never a cluster, and never autorun', async () => {
    const url = await toShareLink('https://app.example/', {
      clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, query: 'events | join (keys) on k', files: ['events.csv', 'keys 2024.parquet'], parameters: { n: '5' },
    });
    expect(url).toMatch(/^https:\/\/app\.example\/local-files\?query=/);
    expect(url).not.toContain('clusters');
    const parsed = await parseShareLink(url, 'https://app.example');
    expect(parsed).toEqual({
      ok: true,
      value: {
        clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, query: 'events | join (keys) on k', parameters: { n: '5' },
        autorun: false, source: 'app', files: ['events.csv', 'keys 2024.parquet'],
      },
    });
  });

  it('are not read from another origin', async () => {
    const url = await toShareLink('https://app.example/', { clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, query: 'T', files: ['t.csv'] });
    expect(await parseShareLink(url, 'https://other.example')).toMatchObject({ ok: false });
  });
});
