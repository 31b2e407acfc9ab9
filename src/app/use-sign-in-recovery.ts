/**
 * The workbench's side of leaving for the identity provider and coming back (redirect-journal.ts):
 * before leaving, the runs waiting on the cluster are written down; on return from a claims
 * challenge they run again, once; a sign-in that failed is shown, and the same authority is not
 * tried again on the app's own.
 */

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReturnedRedirect } from '../features/auth/api/msal';
import { redirectBlockedBy, writeRedirectRecord } from '../features/auth/api/redirect-journal';
import type { PendingRedirect } from '../features/auth/api/token-provider';
import type { KustoError } from '../kusto/errors';
import type { RunRequest } from './use-tab-runs';

interface ResumeRun {
  tabId: string;
  request: RunRequest;
}

function isResumeRun(value: unknown): value is ResumeRun {
  if (typeof value !== 'object' || value === null) return false;
  const { tabId, request } = value as Record<string, unknown>;
  if (typeof tabId !== 'string' || typeof request !== 'object' || request === null) return false;
  const r = request as Record<string, unknown>;
  return typeof r['clusterUrl'] === 'string' && typeof r['database'] === 'string' && typeof r['text'] === 'string'
    && typeof r['statementStart'] === 'number' && typeof r['documentText'] === 'string';
}

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export interface SignInRecoveryInput {
  returned: ReturnedRedirect | null;
  inFlightFor(clusterUrl: string): ResumeRun[];
  run(tabId: string, request: RunRequest): void;
  hasTab(tabId: string): boolean;
}

export function useSignInRecovery({ returned, inFlightFor, run, hasTab }: SignInRecoveryInput) {
  const [failure, setFailure] = useState<KustoError | null>(returned?.failure ?? null);
  const latest = useRef({ inFlightFor, run, hasTab });
  latest.current = { inFlightFor, run, hasTab };

  const beforeRedirect = useCallback((pending: PendingRedirect) => {
    writeRedirectRecord(sessionStore(), { pending, at: Date.now(), resume: latest.current.inFlightFor(pending.clusterUrl) });
  }, []);
  const blockedBy = useCallback((pending: PendingRedirect) => redirectBlockedBy(returned, pending), [returned]);

  // Back from answering a claims challenge: the query that met it runs again, once.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || !returned || returned.failure || !returned.record.pending.claims) return;
    resumed.current = true;
    const resume = Array.isArray(returned.record.resume) ? returned.record.resume.filter(isResumeRun) : [];
    for (const { tabId, request } of resume) if (latest.current.hasTab(tabId)) latest.current.run(tabId, request);
  }, [returned]);

  return { failure, dismissFailure: () => setFailure(null), beforeRedirect, blockedBy, clusterOfFailure: returned?.record.pending.clusterUrl ?? null };
}
