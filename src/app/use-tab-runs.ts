/**
 * Query runs per tab: each tab keeps its last results in memory while the user switches (not
 * persisted: results can be large), its latest error, and the service's error positions as
 * editor markers. Errors never clear the previous results; the next run replaces them.
 *
 * Cancel sends `.cancel query` first and aborts the fetch once the cluster answered (or after
 * a short grace period): aborting first would close the connection, the cluster would stop the
 * query as "client gone", and the `.cancel` could no longer confirm anything. The UI says
 * "Cancelled." at once either way.
 */

import { useCallback, useMemo, useRef, useState } from 'react';
import type { EditorMarker } from '../features/editor/types';
import { statementToDocumentPosition } from '../features/editor/statement-at-cursor';
import { runLocalQuery } from '../features/run/api/run-local-query';
import { newRunClientRequestId, type KustoClient, type QueryRun } from '../kusto/client/kusto-client';
import { isLocalFilesCluster } from '../kusto/local-files';
import { isManagementCommand } from '../kusto/text-kind';
import { changesSchema } from '../kusto/schema-changes';
import type { HistoryStore, RunOutcome } from '../features/history/history-store';
import { kustoError, type KustoError } from '../kusto/errors';
import type { ClientRequestProperties } from '../kusto/request';
import type { ResultSoFar } from '../kusto/decode-v2';
import type { DataSet } from '../kusto/types';

export interface RunRequest {
  clusterUrl: string;
  database: string;
  /** What is sent: the statement or the selection. */
  text: string;
  /** Where `text` starts in `documentText`, to map the service's positions back. */
  statementStart: number;
  documentText: string;
  /** `Parameters` from the form, `Options` like request_readonly for a run a link started. */
  properties?: ClientRequestProperties;
}

export interface TabRunState {
  running: boolean;
  lastRun: QueryRun | null;
  /** While a run's answer arrives: its tables so far (shown before the last byte). */
  arriving: ResultSoFar | null;
  error: KustoError | null;
  markers: EditorMarker[];
  lastRequest: RunRequest | null;
  /**
   * `lastRun` is from before `lastRequest`: that run is still going, failed before any rows, or
   * was cancelled before any arrived. The screen says so, rather than pass them off as its answer.
   */
  lastRunIsEarlier: boolean;
}

const IDLE: TabRunState = { running: false, lastRun: null, arriving: null, error: null, markers: [], lastRequest: null, lastRunIsEarlier: false };

/** How long the fetch stays open waiting for the cluster to confirm `.cancel query`. */
const CANCEL_GRACE_MS = 3_000;

interface InFlight {
  controller: AbortController;
  clientRequestId: string;
  request: RunRequest;
  cancelled: boolean;
  /** performance.now() when it started. */
  started: number;
}

/** Errors the same request may not hit again: a network failure, throttling, a server error, a timeout. */
const RETRYABLE = new Set(['network', 'throttled', 'server', 'timeout']);

/** The request a Retry button sends again, or null when there is nothing worth retrying. */
export function retryableRequest(state: TabRunState): RunRequest | null {
  if (state.running || state.error === null || !RETRYABLE.has(state.error.kind)) return null;
  return state.lastRequest;
}

export interface TabRunsOptions {
  /** The one path to the cluster. */
  client: KustoClient;
  /** A management command that changes schema succeeded on this cluster (reload its tree and IntelliSense). */
  onSchemaChanged?: (clusterUrl: string) => void;
  /** The signed-in user's name, for "No access to database D on cluster C as U". */
  userName: () => string;
  /** Where every run is recorded (with its result, for F8), once IndexedDB has opened; rejected when it is unavailable. */
  history?: Promise<HistoryStore> | null;
}

function recordRun(
  history: Promise<HistoryStore> | null | undefined,
  request: RunRequest,
  startedAt: number,
  outcome: { outcome: RunOutcome; durationMs: number; dataSet: DataSet | null; message?: string },
): void {
  if (!history) return;
  const records = outcome.dataSet?.primaryResults[0]?.rowCount ?? null;
  const entry = {
    text: request.text, clusterUrl: request.clusterUrl, database: request.database, startedAt,
    durationMs: outcome.durationMs, records, outcome: outcome.outcome,
    ...(outcome.message ? { message: outcome.message } : {}),
  };
  // History is a convenience: a full disk or a blocked database must not fail the run.
  history.then((store) => store.record(entry, outcome.dataSet)).catch((e: unknown) => console.warn('History: the run was not recorded', e));
}

function markIncomplete(dataSet: DataSet): DataSet {
  const tables = dataSet.tables.map((t) => ({ ...t, incomplete: true }));
  return { ...dataSet, tables, primaryResults: tables.filter((t) => t.tableKind === 'PrimaryResult') };
}

function markersFor(error: KustoError | null, request: RunRequest): EditorMarker[] {
  if (!error || error.line === undefined || error.column === undefined) return [];
  const position = statementToDocumentPosition(request.documentText, request.statementStart, { line: error.line, column: error.column });
  return [{ ...position, message: error.message, severity: error.kind === 'partial' ? 'warning' : 'error' }];
}

/** The kind decides the wording the user sees; Kusto's own text stays after it. */
export function explainError(error: KustoError, request: RunRequest, userName: string): KustoError {
  if (error.kind === 'forbidden') {
    const base = `No access to database ${request.database} on cluster ${request.clusterUrl} as ${userName}.`;
    return { ...error, message: error.message && !error.message.startsWith('You do not have access') ? `${base}\n${error.message}` : base };
  }
  return error;
}

export function useTabRuns({ client, onSchemaChanged, userName, history = null }: TabRunsOptions) {
  const [runs, setRuns] = useState<ReadonlyMap<string, TabRunState>>(new Map());
  const inFlight = useRef(new Map<string, InFlight>());
  // Read when a run settles, so a store that opens while a query runs still records it.
  const historyRef = useRef(history);
  historyRef.current = history;

  const update = useCallback((tabId: string, f: (s: TabRunState) => TabRunState) => {
    setRuns((current) => new Map(current).set(tabId, f(current.get(tabId) ?? IDLE)));
  }, []);

  const run = useCallback(
    (tabId: string, request: RunRequest) => {
      if (inFlight.current.has(tabId) || request.text.trim() === '') return;
      const controller = new AbortController();
      const flight: InFlight = {
        controller, clientRequestId: newRunClientRequestId(request.text, crypto.randomUUID()), request, cancelled: false, started: performance.now(),
      };
      inFlight.current.set(tabId, flight);
      update(tabId, (s) => ({ ...s, running: true, arriving: null, error: null, markers: [], lastRequest: request, lastRunIsEarlier: s.lastRun !== null }));
      const startedAt = Date.now();
      const { started } = flight;
      const settle = (f: (s: TabRunState) => TabRunState) => {
        if (inFlight.current.get(tabId) === flight) inFlight.current.delete(tabId);
        // A cancelled run already told the user; whatever arrives later (the stream's own
        // Cancelled completion, an abort) must not replace the results they kept.
        if (!flight.cancelled) update(tabId, f);
      };
      // A "Local files" tab runs in the local-files worker: no token, no request.
      const execution = isLocalFilesCluster(request.clusterUrl)
        ? runLocalQuery({ query: request.text, parameters: request.properties?.Parameters, signal: controller.signal })
        : client.run({
          clusterUrl: request.clusterUrl, database: request.database, text: request.text, properties: request.properties,
          signal: controller.signal, clientRequestId: flight.clientRequestId,
          onProgress: (soFar) => {
            if (inFlight.current.get(tabId) === flight) update(tabId, (s) => ({ ...s, arriving: soFar }));
          },
        });
      execution.then(
        (result) => {
          if (changesSchema(request.text)) onSchemaChanged?.(request.clusterUrl);
          settle((s) => ({ ...s, running: false, arriving: null, lastRun: result, lastRunIsEarlier: false, error: result.partial, markers: markersFor(result.partial, request) }));
          recordRun(historyRef.current, request, startedAt, {
            outcome: flight.cancelled || result.dataSet.cancelled ? 'cancelled' : result.partial ? 'partial' : 'success',
            durationMs: result.durationMs, dataSet: result.dataSet, message: result.partial?.message,
          });
        },
        (error: KustoError) => {
          const explained = explainError(error, request, userName());
          settle((s) => ({ ...s, running: false, arriving: null, error: explained, markers: markersFor(explained, request) }));
          recordRun(historyRef.current, request, startedAt, {
            outcome: flight.cancelled || error.kind === 'cancelled' ? 'cancelled' : 'failed',
            durationMs: performance.now() - started, dataSet: null, message: explained.message,
          });
        },
      );
    },
    [client, onSchemaChanged, update, userName],
  );

  const cancel = useCallback(
    (tabId: string) => {
      const flight = inFlight.current.get(tabId);
      if (!flight || flight.cancelled) return;
      flight.cancelled = true;
      inFlight.current.delete(tabId);
      // Rows that arrived before the cancel stay on screen, their tables marked incomplete.
      update(tabId, (s) => ({
        ...s, running: false, arriving: null, error: kustoError('cancelled', 'The query was cancelled.'), markers: [],
        lastRun: s.arriving
          ? { clientRequestId: flight.clientRequestId, query: flight.request.text, dataSet: markIncomplete(s.arriving.dataSet), partial: null, durationMs: performance.now() - flight.started }
          : s.lastRun,
        lastRunIsEarlier: s.arriving ? false : s.lastRunIsEarlier,
      }));
      const abort = () => flight.controller.abort();
      // `.cancel query` stops queries only; a command is stopped by closing its request. A local
      // query stops in DuckDB-wasm when its signal aborts (the worker interrupts the pending query).
      if (isManagementCommand(flight.request.text) || isLocalFilesCluster(flight.request.clusterUrl)) {
        abort();
        return;
      }
      const grace = setTimeout(abort, CANCEL_GRACE_MS);
      const note = (message: string) =>
        setRuns((current) => {
          const s = current.get(tabId);
          // Only while the user still looks at this cancellation.
          if (!s || s.running || s.error?.kind !== 'cancelled' || s.lastRequest !== flight.request) return current;
          return new Map(current).set(tabId, { ...s, error: kustoError('cancelled', message) });
        });
      client.cancel({ clusterUrl: flight.request.clusterUrl, database: flight.request.database, clientRequestId: flight.clientRequestId }).then(
        (outcome) =>
          note(outcome.cancelled
            ? 'The query was cancelled; the cluster confirmed it stopped the query.'
            : `The query was cancelled. The cluster reported: ${outcome.reason || 'nothing to stop'}.`),
        (error: KustoError) => note(`The query was cancelled here, but the cluster could not be asked to stop it: ${error.message}`),
      ).finally(() => {
        clearTimeout(grace);
        abort();
      });
    },
    [client, update],
  );

  /** A closed tab: its query is cancelled on the cluster too, and its results dropped. */
  const forget = useCallback(
    (tabId: string) => {
      cancel(tabId);
      setRuns((current) => {
        const next = new Map(current);
        next.delete(tabId);
        return next;
      });
    },
    [cancel],
  );

  /** A kept result (history, F8) shown in the tab as if it had just run; nothing is sent. */
  const show = useCallback(
    (tabId: string, dataSet: DataSet, durationMs: number, query: string) => {
      if (inFlight.current.has(tabId)) return;
      update(tabId, (s) => ({ ...s, lastRun: { clientRequestId: '', query, dataSet, partial: null, durationMs }, lastRunIsEarlier: false, error: null, markers: [] }));
    },
    [update],
  );

  /** The runs waiting on `clusterUrl`, to send again once a sign-in redirect comes back. */
  const inFlightFor = useCallback(
    (clusterUrl: string) => [...inFlight.current].filter(([, f]) => !f.cancelled && f.request.clusterUrl === clusterUrl).map(([tabId, f]) => ({ tabId, request: f.request })),
    [],
  );

  const runningIds = useMemo(() => new Set([...runs].filter(([, s]) => s.running).map(([id]) => id)), [runs]);
  const stateOf = useCallback((tabId: string) => runs.get(tabId) ?? IDLE, [runs]);

  return { stateOf, run, cancel, forget, show, runningIds, inFlightFor };
}
