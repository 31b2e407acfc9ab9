/**
 * A link names a cluster and a database but no tenant (Azure Data Explorer's links carry none).
 * For a cluster that is not in the connection list, the app asks which tenant it belongs to
 * before anything is sent, so the token comes from the right place the first time. The cluster's
 * host is the heading, so a link to a look-alike host is seen before anything is sent; the cluster
 * joins the connection list only with the answer (or a run from its tab).
 */

import { useId, useState, type FormEvent } from 'react';
import { normalizeTenant } from '../../../kusto/cloud-info';
import { selectors } from '../../../testing/selectors';

interface TenantQuestionProps {
  clusterUrl: string;
  /** The link's query runs with the answer (false: the link asked not to run it). */
  willRun: boolean;
  /** The tenant typed (normalised), or '' for the default tenant. */
  onAnswer(tenant: string): void;
}

export function TenantQuestion({ clusterUrl, willRun, onAnswer }: TenantQuestionProps) {
  const s = selectors.connections.tenantQuestion;
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    const tenant = normalizeTenant(typed);
    if (!tenant) {
      setProblem(`"${typed.trim()}" is not a tenant: give its id (a GUID) or a domain such as contoso.onmicrosoft.com.`);
      return;
    }
    onAnswer(tenant);
  }

  return (
    <form role={s.form.role} aria-label={s.form.name} className="link-notice tenant-question" onSubmit={submit}>
      <p>The link opens a cluster that is not in your connections:</p>
      <h2 className="linked-host">{new URL(clusterUrl).host}</h2>
      <p>
        Nothing has been sent to it yet. {willRun ? 'Its query runs' : 'It is added to your connections'} when you say which tenant
        it belongs to{willRun ? ', and it joins your connections then' : ''}.
      </p>
      <label htmlFor={inputId}>{s.tenant.name}</label>
      <input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="contoso.com or its id" spellCheck={false} />
      <button type="submit">{s.useTenant.name}</button>
      <button type="button" onClick={() => onAnswer('')}>{s.useDefault.name}</button>
      {problem ? <p role="alert" className="error-box">{problem}</p> : null}
    </form>
  );
}
