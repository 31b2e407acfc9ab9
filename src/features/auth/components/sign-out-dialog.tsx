/**
 * Asked at sign-out: the account's kept results always leave this browser; its query tabs stay only
 * when the user says so (a shared or kiosk machine should keep nothing, so that is the default).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { selectors } from '../../../testing/selectors';
import './sign-out-dialog.css';

export interface SignOutChoice {
  keepDrafts: boolean;
}

interface SignOutDialogProps {
  accountName: string;
  onConfirm: (choice: SignOutChoice) => Promise<void>;
  onCancel: () => void;
}

export function SignOutDialog({ accountName, onConfirm, onCancel }: SignOutDialogProps) {
  const [keepDrafts, setKeepDrafts] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();

  useEffect(() => confirm.current?.focus(), []);

  return (
    <div className="sign-out-backdrop" onClick={onCancel}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        className="sign-out-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        <h2 id={titleId}>{selectors.signOut.dialog.name}</h2>
        <p id={textId}>
          Signing out removes the results this browser keeps for {accountName} (history, F8).
          Anyone who signs in here next sees none of your work either way.
        </p>
        <label className="sign-out-keep">
          <input type="checkbox" checked={keepDrafts} onChange={(e) => setKeepDrafts(e.target.checked)} />
          {selectors.signOut.keepDrafts.name}
        </label>
        <p className="sign-out-hint">
          {keepDrafts
            ? 'Your tabs, connections and the list of past runs stay, for you only, until you sign in again.'
            : 'Your tabs, connections and the list of past runs are removed too.'}
        </p>
        <div className="sign-out-buttons">
          <button type="button" onClick={onCancel} disabled={leaving}>{selectors.signOut.cancel.name}</button>
          <button
            ref={confirm}
            type="button"
            className="run-button"
            disabled={leaving}
            onClick={() => {
              setLeaving(true);
              void onConfirm({ keepDrafts });
            }}
          >
            {selectors.signOut.confirm.name}
          </button>
        </div>
      </div>
    </div>
  );
}
