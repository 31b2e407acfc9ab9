/**
 * What opening a link does, as data (`useLinkOpener` carries it out). A link — ours, ADX's, or a
 * history entry — opens in a new tab and runs once, read-only, with its parameter values, only
 * when the link policy says so (src/features/share/link-run-policy.ts). A link to a host that is
 * not trusted opens nothing and says why. A cluster the user never added is neither added nor
 * asked anything by the link: the tenant question comes first. A local-files link opens its query
 * and asks for the files it names that are not open.
 */

import { statementAtCursor } from '../features/editor/statement-at-cursor';
import type { LinkRunDecision } from '../features/share/link-run-policy';
import type { ShareLinkInput } from '../kusto/deep-link';
import { isLocalFilesCluster, LOCAL_FILES_CLUSTER, LOCAL_FILES_DATABASE } from '../kusto/local-files';
import { isTrustedKustoHost, untrustedHostMessage } from '../kusto/trusted-hosts';
import { parametersFor } from './run-parameters';
import type { RunRequest } from './use-tab-runs';

/** A query to open in a new tab: from a share link, an ADX link, or history. */
export interface LinkToOpen {
  clusterUrl: string;
  database: string | null;
  query: string | null;
  parameters: Readonly<Record<string, string>>;
  decision: LinkRunDecision;
  /** A local-files link: the files its query reads. */
  files?: readonly string[];
}

export interface LinkContext {
  trustedHosts: readonly string[];
  /** The clusters in the connection pane. */
  knownClusters: readonly string[];
  defaultDatabaseOf: (clusterUrl: string) => string;
  /** The file names of the local files open now. */
  openFileNames: readonly string[];
}

export type LinkOpenPlan =
  | { kind: 'refused'; notice: string }
  | {
    kind: 'open';
    /** The new tab's context and text. */
    tab: { clusterUrl: string; database: string; text: string };
    parameters: Readonly<Record<string, string>>;
    /** The link's cluster is not in the connection pane: ask its tenant before anything is sent. */
    askTenant: boolean;
    /** What to run in the new tab (after the tenant question, when there is one), or null. */
    run: RunRequest | null;
    /** Local files the link names that are not open: the reader is asked for them. */
    missingFiles: readonly string[];
    /** Shown above the editor (why it did not run); null clears an older one. */
    notice: string | null;
    /** What the new tab holds, for the page's URL. */
    opened: ShareLinkInput;
  };

export function planLinkOpen(link: LinkToOpen, context: LinkContext): LinkOpenPlan {
  const text = link.query ?? '';
  if (isLocalFilesCluster(link.clusterUrl)) {
    const files = link.files ?? [];
    const missingFiles = files.filter((f) => !context.openFileNames.includes(f));
    return {
      kind: 'open',
      tab: { clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, text },
      parameters: link.parameters,
      askTenant: false,
      run: null,
      missingFiles,
      // The files notice asks for missing files itself; one notice, not two saying the same.
      notice: link.decision.run || missingFiles.length > 0 ? null : link.decision.reason,
      opened: { clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, query: text, parameters: link.parameters, files },
    };
  }
  if (!isTrustedKustoHost(link.clusterUrl, context.trustedHosts)) {
    return {
      kind: 'refused',
      notice: `The link was not opened: ${untrustedHostMessage(link.clusterUrl)}. To trust it, add it to "trustedHosts" in the deployment's config.json.`,
    };
  }
  const database = link.database ?? context.defaultDatabaseOf(link.clusterUrl);
  const opened = {
    kind: 'open' as const,
    tab: { clusterUrl: link.clusterUrl, database, text },
    parameters: link.parameters,
    askTenant: !context.knownClusters.includes(link.clusterUrl),
    missingFiles: [],
    opened: { clusterUrl: link.clusterUrl, database, query: text, parameters: link.parameters },
  };
  if (!link.decision.run) return { ...opened, run: null, notice: link.decision.reason };
  // As the Run button would with the caret at the start: the link's first statement.
  const statement = statementAtCursor(text, 0);
  const parameters = parametersFor(statement.text, link.parameters);
  if (!parameters.ok) {
    return { ...opened, run: null, notice: `The query was not run: the link's parameter values are refused. ${parameters.reason}` };
  }
  return {
    ...opened,
    notice: null,
    run: {
      clusterUrl: link.clusterUrl, database, text: statement.text, statementStart: statement.start, documentText: text,
      properties: { ...link.decision.properties, ...(parameters.parameters ? { Parameters: parameters.parameters } : {}) },
    },
  };
}
