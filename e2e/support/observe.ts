import type { Page } from '@playwright/test';
import { CLUSTER_URL } from '../../dev/stack';

/** Every request the page sends to the cluster, as "METHOD path body": observed, never intercepted. */
export function clusterRequests(page: Page, clusterUrl: string = CLUSTER_URL): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${clusterUrl}/`)) seen.push(`${request.method()} ${new URL(request.url()).pathname} ${request.postData() ?? ''}`);
  });
  return seen;
}
