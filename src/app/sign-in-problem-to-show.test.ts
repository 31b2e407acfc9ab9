import { describe, expect, it, vi } from 'vitest';
import { kustoError, type SignInProblem } from '../kusto/errors';
import { signInProblemToShow } from './sign-in-problem-to-show';

const problem = (title: string): SignInProblem => ({ kind: 'consent-required', title, advice: 'Ask an admin.', detail: 'AADSTS65001' });
const request = { clusterUrl: 'https://run.kusto.windows.net', database: 'db', text: 'T', statementStart: 0, documentText: 'T' };
const noReturn = { failure: null, clusterOfFailure: null, dismissFailure: () => {} };

describe('signInProblemToShow', () => {
  it("shows the run's sign-in problem, for the cluster the run went to, not dismissable", () => {
    const shown = signInProblemToShow({ error: kustoError('unauthorized', 'no', { signIn: problem('run') }), lastRequest: request }, noReturn, 'https://tab.kusto.windows.net');
    expect(shown).toEqual({ problem: problem('run'), clusterUrl: 'https://run.kusto.windows.net', dismiss: null });
  });

  it("prefers the run's problem to the returned redirect's failure", () => {
    const returned = { failure: kustoError('unauthorized', 'back', { signIn: problem('redirect') }), clusterOfFailure: 'https://back.kusto.windows.net', dismissFailure: vi.fn() };
    expect(signInProblemToShow({ error: kustoError('unauthorized', 'no', { signIn: problem('run') }), lastRequest: request }, returned, 'https://tab.kusto.windows.net')?.problem.title).toBe('run');
  });

  it('shows a sign-in that failed on the way back, for its cluster, with a dismiss', () => {
    const dismissFailure = vi.fn();
    const returned = { failure: kustoError('unauthorized', 'back', { signIn: problem('redirect') }), clusterOfFailure: 'https://back.kusto.windows.net', dismissFailure };
    const shown = signInProblemToShow({ error: null, lastRequest: null }, returned, 'https://tab.kusto.windows.net');
    expect(shown?.problem.title).toBe('redirect');
    expect(shown?.clusterUrl).toBe('https://back.kusto.windows.net');
    expect(shown?.dismiss).toBe(dismissFailure);
  });

  it("falls back to the tab's cluster when the problem names none", () => {
    const returned = { failure: kustoError('unauthorized', 'back', { signIn: problem('redirect') }), clusterOfFailure: null, dismissFailure: () => {} };
    expect(signInProblemToShow({ error: null, lastRequest: null }, returned, 'https://tab.kusto.windows.net')?.clusterUrl).toBe('https://tab.kusto.windows.net');
  });

  it('shows nothing for an error that is not about signing in', () => {
    expect(signInProblemToShow({ error: kustoError('syntax', 'bad'), lastRequest: request }, { ...noReturn, failure: kustoError('network', 'x') }, 'https://tab.kusto.windows.net')).toBeNull();
  });
});
