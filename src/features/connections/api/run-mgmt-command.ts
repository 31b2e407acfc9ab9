/**
 * One management command with the signed-in user's token for that cluster: the trusted-host
 * check happens before a token is asked for, and a 401 is retried once with a fresh token (as
 * the query path does).
 */

import { isKustoError, kustoError } from '../../../kusto/errors';
import { buildMgmtRequest, newMgmtClientRequestId, sendMgmtCommand } from '../../../kusto/mgmt';
import { isTrustedKustoHost, untrustedHostMessage } from '../../../kusto/trusted-hosts';
import type { ColumnarTable, TokenProvider } from '../../../kusto/types';

export interface MgmtDeps {
  tokenProvider: TokenProvider;
  trustedHosts: readonly string[];
  fetch?: typeof fetch;
}

export interface MgmtCommandInput {
  clusterUrl: string;
  database: string | null;
  command: string;
  signal?: AbortSignal;
}

export async function runMgmtCommand(deps: MgmtDeps, input: MgmtCommandInput): Promise<ColumnarTable[]> {
  if (!isTrustedKustoHost(input.clusterUrl, deps.trustedHosts)) throw kustoError('untrusted-host', untrustedHostMessage(input.clusterUrl));
  const send = async (forceRefresh: boolean) => {
    const token = await deps.tokenProvider.getToken(input.clusterUrl, { forceRefresh });
    const request = buildMgmtRequest({
      clusterUrl: input.clusterUrl,
      database: input.database,
      command: input.command,
      clientRequestId: newMgmtClientRequestId(crypto.randomUUID()),
      token,
      runtime: typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent,
    });
    return sendMgmtCommand(request, deps.fetch ?? fetch, input.signal);
  };
  try {
    return await send(false);
  } catch (e) {
    // Only the cluster's 401: a token provider's own 'unauthorized' means a redirect is under way.
    if (isKustoError(e) && e.httpStatus === 401) return send(true);
    throw e;
  }
}
