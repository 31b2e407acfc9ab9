/**
 * A sign-in that failed in a way the analyst can act on: what happened, what to do, the action
 * that does it (the admin-consent link, signing in to the cluster's cloud, another account), and
 * the identity provider's own text for an administrator.
 */

import type { SignInProblem } from '../../../kusto/errors';
import { selectors } from '../../../testing/selectors';
import './sign-in-problem.css';

export interface SignInProblemActions {
  /** cloud-mismatch: sign in at this login endpoint. */
  onSignInToCloud?(loginEndpoint: string): void;
  /** not-in-tenant: pick or add another account. */
  onSwitchAccount?(): void;
  /** Send the user to sign in again for the same request (the gate stops automatic repeats). */
  onTryAgain?(): void;
  onDismiss?(): void;
}

export function SignInProblemNotice({ problem, onSignInToCloud, onSwitchAccount, onTryAgain, onDismiss }: { problem: SignInProblem } & SignInProblemActions) {
  const s = selectors.signInProblem;
  return (
    <section role={s.region.role} aria-label={s.region.name} className={`sign-in-problem sign-in-problem-${problem.kind}`}>
      <h2>{problem.title}</h2>
      <p>{problem.advice}</p>
      <div className="sign-in-problem-actions">
        {problem.adminConsentUrl ? (
          <a href={problem.adminConsentUrl} target="_blank" rel="noopener noreferrer">{s.adminConsent.name}</a>
        ) : null}
        {problem.signInCloud && onSignInToCloud ? (
          <button type="button" className="run-button" onClick={() => onSignInToCloud(problem.signInCloud!.loginEndpoint)}>
            {s.signInToCloud(problem.signInCloud.name).name}
          </button>
        ) : null}
        {problem.kind === 'not-in-tenant' && onSwitchAccount ? (
          <button type="button" onClick={onSwitchAccount}>{s.switchAccount.name}</button>
        ) : null}
        {problem.kind !== 'cloud-mismatch' && onTryAgain ? (
          <button type="button" onClick={onTryAgain}>{s.tryAgain.name}</button>
        ) : null}
        {onDismiss ? <button type="button" onClick={onDismiss}>{selectors.share.dismissLinkNotice.name}</button> : null}
      </div>
      <details>
        <summary>{problem.code ? `Details (${problem.code})` : 'Details'}</summary>
        <p className="sign-in-problem-detail">{problem.detail}</p>
      </details>
    </section>
  );
}
