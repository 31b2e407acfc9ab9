/**
 * Everything that must happen before the first render: the runtime config (which names the
 * tenant), then MSAL (initialize + the redirect response). Never throws: failures become a state
 * the app renders as an error screen.
 */

import { loadRuntimeConfig, type RuntimeConfig } from '../config/runtime-config';
import { warmUpClusterCloud } from '../features/auth/api/cluster-clouds';
import { describeAuthError, startAuth, type StartedAuth } from '../features/auth/api/msal';

export type Boot =
  | { state: 'config-error'; problems: string[] }
  | { state: 'auth-error'; message: string }
  | { state: 'ready'; config: RuntimeConfig; auth: StartedAuth };

export async function bootstrap(origin: string): Promise<Boot> {
  const loaded = await loadRuntimeConfig(`${import.meta.env.BASE_URL}config.json`);
  if (!loaded.ok) return { state: 'config-error', problems: loaded.problems };
  // The first token for this cluster needs its cloud (cluster-authority.ts): asked now, beside MSAL.
  void warmUpClusterCloud(loaded.config.clusters[0].url);
  try {
    const auth = await startAuth(loaded.config.auth, origin);
    return { state: 'ready', config: loaded.config, auth };
  } catch (e) {
    // initialize() fails on a bad authority or when crypto is unavailable (an http:// origin).
    return { state: 'auth-error', message: describeAuthError(e) };
  }
}
