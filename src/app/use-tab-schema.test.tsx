import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KustoClient } from '../kusto/client/kusto-client';
import { databaseChoices, useTabSchema, type TabSchemaOptions } from './use-tab-schema';

afterEach(cleanup);

describe('databaseChoices', () => {
  it("lists the cluster's databases, else the configured ones, and always the tab's own", () => {
    expect(databaseChoices(['Samples', 'Big'], ['Configured'], 'Samples')).toEqual(['Samples', 'Big']);
    expect(databaseChoices(undefined, ['Configured'], 'Configured')).toEqual(['Configured']);
    expect(databaseChoices(['Samples'], [], 'Gone')).toEqual(['Gone', 'Samples']);
  });
});

describe('useTabSchema', () => {
  function schemaOf(options: Partial<TabSchemaOptions>) {
    const client = {
      databases: vi.fn(async () => ['Samples', 'Big']),
      schema: vi.fn(async () => ({ showSchemaJson: '{"Databases":{}}', databases: [] })),
    } as unknown as KustoClient;
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const hook = renderHook(() => useTabSchema({
      client, clusterUrl: 'https://localhost:8443', database: 'Samples', askable: true, isLocal: false, localTables: [], localVersion: 0,
      configuredDatabases: ['Samples'], ...options,
    }), { wrapper });
    return { client, hook };
  }

  it("gives the editor the database's schema and the list the cluster's databases", async () => {
    const { client, hook } = schemaOf({});
    await waitFor(() => expect(hook.result.current.editorSchema).toEqual({ showSchemaJson: '{"Databases":{}}', clusterUrl: 'https://localhost:8443', database: 'Samples' }));
    await waitFor(() => expect(hook.result.current.databaseOptions).toEqual(['Samples', 'Big']));
    expect(client.schema).toHaveBeenCalledWith('https://localhost:8443', 'Samples', expect.anything());
  });

  it('asks a cluster that may not be asked nothing, and lists the configured databases', () => {
    const { client, hook } = schemaOf({ askable: false });
    expect(hook.result.current.databaseOptions).toEqual(['Samples']);
    expect(hook.result.current.editorSchema).toBeUndefined();
    expect(client.databases).not.toHaveBeenCalled();
    expect(client.schema).not.toHaveBeenCalled();
  });
});
