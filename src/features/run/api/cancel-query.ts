/**
 * Cancel = abort the fetch + a best-effort `.cancel query "<client request id>"` on
 * `/v1/rest/mgmt` (https://learn.microsoft.com/kusto/management/cancel-query-command): aborting the HTTP call alone need not stop the
 * work on the cluster. The query endpoint refuses `.cancel` (azuredatastudio#11855).
 */

import { kustoError } from '../../../kusto/errors';
import { buildMgmtRequest, cancelQueryCommand, newMgmtClientRequestId, readCancelResult, sendMgmtCommand, type CancelOutcome } from '../../../kusto/mgmt';
import { isTrustedKustoHost, untrustedHostMessage } from '../../../kusto/trusted-hosts';
import type { TokenProvider } from '../../../kusto/types';

export interface CancelQueryDeps {
  tokenProvider: TokenProvider;
  trustedHosts: readonly string[];
  fetch?: typeof fetch;
  newUuid?: () => string;
}

export interface CancelQueryInput {
  clusterUrl: string;
  database: string;
  /** The x-ms-client-request-id the running query was sent with. */
  clientRequestId: string;
}

/** Rejects with a KustoError value; the caller treats any failure as "the cluster may still run it". */
export async function cancelQuery(deps: CancelQueryDeps, input: CancelQueryInput): Promise<CancelOutcome> {
  if (!isTrustedKustoHost(input.clusterUrl, deps.trustedHosts)) throw kustoError('untrusted-host', untrustedHostMessage(input.clusterUrl));
  // Same principal as the query: only it (or an admin) may cancel it.
  const token = await deps.tokenProvider.getToken(input.clusterUrl);
  const request = buildMgmtRequest({
    clusterUrl: input.clusterUrl,
    database: input.database,
    command: cancelQueryCommand(input.clientRequestId),
    clientRequestId: newMgmtClientRequestId((deps.newUuid ?? (() => crypto.randomUUID()))()),
    token,
    runtime: typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent,
  });
  return readCancelResult(await sendMgmtCommand(request, deps.fetch ?? fetch));
}
