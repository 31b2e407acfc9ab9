import { useEffect } from 'react';
import type { ShareLinkInput } from '../../../kusto/deep-link';
import { clearShareUrl, writeShareUrl } from '../share-url';

/**
 * Keeps the address bar on the active tab's link; `null` (no tab, no cluster) shows the app's home.
 * `enabled: false` leaves the address bar alone (while the link the page was opened with is read).
 */
export function useShareUrlSync(active: ShareLinkInput | null, { delayMs = 300, enabled = true }: { delayMs?: number; enabled?: boolean } = {}): void {
  const clusterUrl = active?.clusterUrl;
  const database = active?.database;
  const query = active?.query;
  const parameters = JSON.stringify(active?.parameters ?? {});
  // A "Local files" tab's link names its files (deep-link.ts): a new file list is a new link.
  const files = active?.files ? JSON.stringify(active.files) : undefined;
  useEffect(() => {
    if (!enabled) return;
    // Debounced: encoding gzips the whole text, and typing fires this on every key.
    const timer = setTimeout(() => {
      if (clusterUrl === undefined || database === undefined || query === undefined) clearShareUrl();
      else {
        void writeShareUrl({
          clusterUrl, database, query, parameters: JSON.parse(parameters) as Record<string, string>,
          ...(files === undefined ? {} : { files: JSON.parse(files) as string[] }),
        });
      }
    }, delayMs);
    return () => clearTimeout(timer);
  }, [clusterUrl, database, query, parameters, files, delayMs, enabled]);
}
