import { AUTOMATION_CLIENT_ID, AUTOMATION_CLIENT_SECRET } from '../stack';
import { httpsRequest } from '../https-request';

export interface AutomationToken {
  accessToken: string;
  expiresIn: number;
  scope: string | undefined;
}

/**
 * Client-credentials token of the `local-automation` app for `resource` (e.g. CLUSTER_URL): the
 * service-principal flow a script would run against Entra (`scope=<resource>/.default`).
 * `ca` is the PEM to trust, normally `(await ensureDevCertificate()).ca`.
 */
export async function fetchAutomationToken(identityUrl: string, resource: string, ca: string): Promise<AutomationToken> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: AUTOMATION_CLIENT_ID,
    client_secret: AUTOMATION_CLIENT_SECRET,
    scope: `${resource.replace(/\/+$/, '')}/.default`,
  });
  const res = await httpsRequest(`${identityUrl.replace(/\/+$/, '')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
    ca,
  });
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    throw new Error(`token endpoint answered ${res.status} with non-JSON: ${res.text.slice(0, 200)}`);
  }
  const fields = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  if (res.status !== 200 || typeof fields.access_token !== 'string') {
    throw new Error(`client_credentials failed (${res.status}): ${String(fields.error)} ${String(fields.error_description ?? '')}`);
  }
  return {
    accessToken: fields.access_token,
    expiresIn: typeof fields.expires_in === 'number' ? fields.expires_in : 0,
    scope: typeof fields.scope === 'string' ? fields.scope : undefined,
  };
}
