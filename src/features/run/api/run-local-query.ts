/**
 * A query of a "Local files" tab: KQL to the local-files worker (translated and run there by
 * DuckDB-wasm), the same QueryRun a cluster query resolves to, or a KustoError value. Nothing is
 * sent anywhere: no token, no request.
 */
import { kustoError, type KustoError, type KustoErrorKind } from '../../../kusto/errors';
import { isManagementCommand } from '../../../kusto/text-kind';
import type { DataSet } from '../../../kusto/types';
import type { EngineErrorKind } from '../../../engine/types';
import { localFiles, type LocalFilesClient } from '../../../workers/local-files-client';
import type { QueryRun } from '../../../kusto/client/kusto-client';
import { errorText } from '../../../lib/error-text';

export interface LocalQueryInput {
  query: string;
  /** Values of `declare query_parameters`, as the service takes them (KQL literal text). */
  parameters?: Record<string, unknown>;
  signal?: AbortSignal;
}

const KINDS: Record<EngineErrorKind, KustoErrorKind> = {
  syntax: 'syntax',
  semantic: 'semantic',
  'not-found': 'semantic',
  unsupported: 'bad-request',
  runtime: 'server',
  cancelled: 'cancelled',
};

/** Rejects with a KustoError; resolves with the run (cancelled runs resolve with `dataSet.cancelled`). */
export async function runLocalQuery(input: LocalQueryInput, client: LocalFilesClient = localFiles()): Promise<QueryRun> {
  const started = performance.now();
  if (isManagementCommand(input.query)) {
    throw kustoError('bad-request', 'Local files answer KQL queries only: management commands (text starting with ".") need a cluster.');
  }
  let answer;
  try {
    answer = await client.kql(input.query, input.parameters ?? {}, input.signal);
  } catch (e) {
    throw kustoError('server', errorText(e));
  }
  if (answer.kind === 'failed') {
    const f = answer.failure;
    const error: KustoError = kustoError(KINDS[f.kind], f.message, {
      code: f.code,
      ...(f.line !== null && f.column !== null ? { line: f.line, column: f.column } : {}),
    });
    throw error;
  }
  if (answer.kind === 'cancelled') throw kustoError('cancelled', 'The query was cancelled.');
  const dataSet: DataSet = {
    tables: answer.tables,
    primaryResults: answer.tables,
    visualizations: answer.visualizations,
    stats: { executionTimeSec: answer.ms / 1000, resourceConsumption: null },
    cancelled: false,
  };
  return { clientRequestId: '', query: input.query, dataSet, partial: null, durationMs: performance.now() - started };
}
