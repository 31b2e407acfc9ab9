/**
 * "Open link": paste a dataexplorer.azure.com link, or one of ours, and get its query back for a new
 * tab. Links from any other site are refused with the reason; whether the query then runs is the
 * link policy's call (decideLinkRun), passed along for the workbench to follow.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { parseShareLink } from '../../../kusto/deep-link';
import { useModalFocus } from '../../../lib/use-modal-focus';
import { selectors } from '../../../testing/selectors';
import { decideLinkRun, type LinkRunDecision } from '../link-run-policy';
import '../share.css';

export interface OpenedLink {
  clusterUrl: string;
  database: string | null;
  query: string | null;
  parameters: Record<string, string>;
  source: 'app' | 'adx';
  decision: LinkRunDecision;
}

export interface OpenLinkDialogProps {
  onOpen: (link: OpenedLink) => void;
  onClose: () => void;
  /** Our origin: links with it are accepted besides ADX's. */
  appOrigin?: string;
}

export function OpenLinkDialog({ onOpen, onClose, appOrigin }: OpenLinkDialogProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const errorId = useId();
  const onDialogKeyDown = useModalFocus(dialog, onClose);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const parsed = await parseShareLink(text, appOrigin ?? window.location.origin);
    setBusy(false);
    if (!parsed.ok) {
      setError(parsed.reason);
      return;
    }
    if (parsed.value.query === null) {
      setError('The link holds no query.');
      return;
    }
    const { clusterUrl, database, query, parameters, autorun, source } = parsed.value;
    onOpen({ clusterUrl, database, query, parameters, source, decision: decideLinkRun({ query, autorun }) });
  };

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} role="dialog" aria-modal="true" aria-labelledby={titleId} className="open-link-dialog" onKeyDown={onDialogKeyDown}>
        <h2 id={titleId}>{selectors.share.dialog.name}</h2>
        <form onSubmit={(e) => void submit(e)}>
          <label htmlFor={`${titleId}-link`}>{selectors.share.linkInput.name}</label>
          <textarea
            id={`${titleId}-link`}
            data-autofocus
            value={text}
            rows={4}
            placeholder="https://dataexplorer.azure.com/clusters/help/databases/Samples?query=…"
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
          {error ? <p id={errorId} role="alert" className="field-error">{error}</p> : null}
          <div className="dialog-buttons">
            <button type="submit" className="run-button" disabled={busy || text.trim() === ''}>{selectors.share.openButton.name}</button>
            <button type="button" onClick={onClose}>Cancel</button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** The "Open link" button with its dialog. */
export function OpenLinkAction({ onOpen, appOrigin }: Omit<OpenLinkDialogProps, 'onClose'>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>{selectors.share.openLink.name}</button>
      {open ? (
        <OpenLinkDialog
          appOrigin={appOrigin}
          onClose={() => setOpen(false)}
          onOpen={(link) => {
            setOpen(false);
            onOpen(link);
          }}
        />
      ) : null}
    </>
  );
}
