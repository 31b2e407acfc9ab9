/**
 * What the app was doing when it left for the identity provider, read back when it returns: the
 * page is reloaded in between, so memory is gone. Kept in sessionStorage (this tab only) and
 * removed as soon as it is read, so a later reload does not act on it twice.
 *
 * On return it decides two things: which runs to send again (a claims challenge: "the query runs
 * again once"), and where the app must not send the user again on its own in this page load (a
 * sign-in that just failed there, or a claims challenge just answered), so no cluster can make
 * the page loop between itself and the identity provider.
 */

import type { KustoError } from '../../../kusto/errors';
import { parseStoredObject, readStored, removeStored, writeStored } from '../../../lib/storage';
import type { PendingRedirect } from './token-provider';

export const REDIRECT_JOURNAL_KEY = 'kqlw.redirect';

export interface RedirectRecord<Resume = unknown> {
  pending: PendingRedirect;
  /** Epoch ms when the page left. */
  at: number;
  /** The app's own payload: the runs to send again once the token is there. */
  resume?: Resume;
}

export function writeRedirectRecord<Resume>(storage: Storage | undefined, record: RedirectRecord<Resume>): void {
  writeStored(storage, REDIRECT_JOURNAL_KEY, JSON.stringify(record));
}

/** The record of the redirect this page load returns from, removed from storage; null when there is none. */
export function takeRedirectRecord(storage: Storage | undefined): RedirectRecord | null {
  const stored = parseStoredObject(readStored(storage, REDIRECT_JOURNAL_KEY));
  removeStored(storage, REDIRECT_JOURNAL_KEY);
  const pending = stored?.['pending'];
  if (!stored || typeof pending !== 'object' || pending === null) return null;
  const { clusterUrl, authority, tenant, claims } = pending as Record<string, unknown>;
  if (typeof clusterUrl !== 'string' || typeof authority !== 'string' || typeof tenant !== 'string') return null;
  return {
    pending: { clusterUrl, authority, tenant, ...(typeof claims === 'string' ? { claims } : {}) },
    at: typeof stored['at'] === 'number' ? stored['at'] : 0,
    ...(stored['resume'] !== undefined ? { resume: stored['resume'] } : {}),
  };
}

/**
 * Whether the app may send the user to sign in for `next` on its own, given how the last
 * redirect ended. Returns the error to show instead, or null to go ahead.
 *   - The sign-in at an authority just failed: the same request would fail the same way.
 *   - A claims challenge for a cluster was just answered and the cluster asks again.
 */
export function redirectBlockedBy(
  returned: { record: RedirectRecord; failure: KustoError | null } | null,
  next: PendingRedirect,
): KustoError | null {
  if (!returned) return null;
  const { record, failure } = returned;
  if (failure && record.pending.authority.toLowerCase() === next.authority.toLowerCase()) return failure;
  if (!failure && record.pending.claims && next.claims && record.pending.clusterUrl === next.clusterUrl) {
    return {
      kind: 'unauthorized',
      message: `${next.clusterUrl} asked again for a stronger sign-in right after one; not redirecting again. Run the query once more, or ask your administrator about its Conditional Access policy.`,
    };
  }
  return null;
}
