/**
 * Which sign-in problem the workbench shows above the results, if any: the active tab's run's
 * first (it is the newer), else a sign-in that failed on the way back from the identity provider.
 * It gets its own notice with the action that fixes it; the results below stay.
 */

import type { KustoError, SignInProblem } from '../kusto/errors';
import type { TabRunState } from './use-tab-runs';

export interface SignInProblemShown {
  problem: SignInProblem;
  /** The cluster whose sign-in it is (what "Sign in again" and "Switch account" aim at). */
  clusterUrl: string;
  /** Only the returned redirect's failure can be dismissed: the run's goes with the next run. */
  dismiss: (() => void) | null;
}

export interface ReturnedSignInFailure {
  failure: KustoError | null;
  /** The cluster the redirect was for. */
  clusterOfFailure: string | null;
  dismissFailure(): void;
}

export function signInProblemToShow(runState: Pick<TabRunState, 'error' | 'lastRequest'>, returned: ReturnedSignInFailure, tabClusterUrl: string): SignInProblemShown | null {
  if (runState.error?.signIn) return { problem: runState.error.signIn, clusterUrl: runState.lastRequest?.clusterUrl ?? tabClusterUrl, dismiss: null };
  if (returned.failure?.signIn) return { problem: returned.failure.signIn, clusterUrl: returned.clusterOfFailure ?? tabClusterUrl, dismiss: returned.dismissFailure };
  return null;
}
