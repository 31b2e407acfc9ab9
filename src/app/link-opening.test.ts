import { describe, expect, it } from 'vitest';
import { decideLinkRun } from '../features/share/link-run-policy';
import { LOCAL_FILES_CLUSTER, LOCAL_FILES_DATABASE } from '../kusto/local-files';
import { planLinkOpen, type LinkContext, type LinkToOpen } from './link-opening';

const context: LinkContext = { trustedHosts: [], knownClusters: ['https://help.kusto.windows.net'], defaultDatabaseOf: () => 'Samples', openFileNames: [] };
const link = (overrides: Partial<LinkToOpen> & { query: string }): LinkToOpen => ({
  clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', parameters: {},
  decision: decideLinkRun({ query: overrides.query, autorun: true, ...(overrides.files ? { files: overrides.files } : {}) }), ...overrides,
});

/** The plan of a link that opens (a refused one fails the test with its notice). */
function opened(l: LinkToOpen, c: LinkContext = context) {
  const plan = planLinkOpen(l, c);
  if (plan.kind !== 'open') throw new Error(`refused: ${plan.notice}`);
  return plan;
}

describe('planLinkOpen', () => {
  it('opens a trusted link in a new tab and runs its first statement read-only', () => {
    const plan = opened(link({ query: 'StormEvents | take 1\n\nprint 2' }));
    expect(plan.tab).toEqual({ clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'StormEvents | take 1\n\nprint 2' });
    expect(plan.askTenant).toBe(false);
    expect(plan.notice).toBeNull();
    expect(plan.run).toEqual({
      clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'StormEvents | take 1', statementStart: 0,
      documentText: 'StormEvents | take 1\n\nprint 2', properties: { Options: { request_readonly: true } },
    });
    expect(plan.opened).toEqual({ clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', query: 'StormEvents | take 1\n\nprint 2', parameters: {} });
  });

  it('asks the tenant of a cluster not in the connection list, and keeps the run for after the answer', () => {
    const plan = opened(link({ clusterUrl: 'https://other.kusto.windows.net', query: 'print 1' }));
    expect(plan.askTenant).toBe(true);
    expect(plan.run?.clusterUrl).toBe('https://other.kusto.windows.net');
  });

  it('refuses a link to an untrusted host, saying why, and opens nothing', () => {
    const plan = planLinkOpen(link({ clusterUrl: 'https://kusto.evil.example', query: 'print 1' }), context);
    expect(plan).toEqual({ kind: 'refused', notice: expect.stringMatching(/^The link was not opened: .*kusto\.evil\.example.*"trustedHosts"/) });
  });

  it('opens a management command without running it, with the reason', () => {
    const plan = opened(link({ query: '.drop table T' }));
    expect(plan.run).toBeNull();
    expect(plan.notice).toMatch(/^Management commands/);
  });

  it("sends the link's parameter values, and refuses to run with a value its type cannot hold", () => {
    const query = 'declare query_parameters(n:long = 1); StormEvents | take n';
    expect(opened(link({ query, parameters: { n: '3' } })).run?.properties).toEqual({ Options: { request_readonly: true }, Parameters: { n: '3' } });
    const refused = opened(link({ query, parameters: { n: 'x' } }));
    expect(refused.run).toBeNull();
    expect(refused.notice).toMatch(/^The query was not run: the link's parameter values are refused\. n: /);
  });

  it('takes the default database of the cluster when the link names none', () => {
    expect(opened(link({ database: null, query: 'print 1' }), { ...context, defaultDatabaseOf: () => 'Default' }).tab.database).toBe('Default');
  });

  it('opens a local-files link without running it and asks only for the files not open', () => {
    const plan = opened(
      link({ clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, query: 'sales | count', files: ['sales.csv', 'rates.parquet'] }),
      { ...context, openFileNames: ['rates.parquet'] },
    );
    expect(plan.tab).toEqual({ clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, text: 'sales | count' });
    expect(plan.run).toBeNull();
    expect(plan.askTenant).toBe(false);
    expect(plan.missingFiles).toEqual(['sales.csv']);
    // The files notice asks for them: no second notice.
    expect(plan.notice).toBeNull();
    expect(plan.opened.files).toEqual(['sales.csv', 'rates.parquet']);
  });

  it('says why a local-files link whose files are all open did not run', () => {
    const plan = opened(link({ clusterUrl: LOCAL_FILES_CLUSTER, query: 'sales | count', files: ['sales.csv'] }), { ...context, openFileNames: ['sales.csv'] });
    expect(plan.missingFiles).toEqual([]);
    expect(plan.notice).toMatch(/reads local files: sales\.csv/);
  });
});
