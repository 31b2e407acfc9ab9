/**
 * A cluster a link brought in joins the connection list only when the user says so: by answering
 * which tenant it belongs to (then the link's query, if it had one, runs), or by running a query
 * there, which adds it with the default tenant and settles the question.
 */

import { useCallback, useRef, useState } from 'react';
import type { ConnectionsApi } from '../features/connections/hooks/use-connections';
import type { RunRequest } from './use-tab-runs';

export interface TenantQuestionAsked {
  clusterUrl: string;
  /** The link's query, run once the question is answered. */
  run: { tabId: string; request: RunRequest } | null;
}

export interface TenantQuestionOptions {
  connections: Pick<ConnectionsApi, 'add' | 'setTenant'>;
  run(tabId: string, request: RunRequest): void;
}

export interface TenantQuestionApi {
  question: TenantQuestionAsked | null;
  ask(question: TenantQuestionAsked): void;
  /** The user's answer: a tenant id or domain, or '' for the default tenant. */
  answer(tenant: string): void;
  /** A query run on `clusterUrl` before any answer: it joins with the default tenant. */
  joinWithDefaultTenant(clusterUrl: string): void;
}

export function useTenantQuestion({ connections, run }: TenantQuestionOptions): TenantQuestionApi {
  const [question, setQuestion] = useState<TenantQuestionAsked | null>(null);
  const latest = useRef({ question, connections, run });
  latest.current = { question, connections, run };

  const answer = useCallback((tenant: string) => {
    const { question: asked, connections: list, run: runNow } = latest.current;
    if (!asked) return;
    const added = list.add(asked.clusterUrl);
    if (tenant && added.ok) list.setTenant(asked.clusterUrl, tenant);
    if (asked.run) runNow(asked.run.tabId, asked.run.request);
    setQuestion(null);
  }, []);

  const joinWithDefaultTenant = useCallback((clusterUrl: string) => {
    latest.current.connections.add(clusterUrl);
    setQuestion((q) => (q?.clusterUrl === clusterUrl ? null : q));
  }, []);

  return { question, ask: setQuestion, answer, joinWithDefaultTenant };
}
