/** The "Keyboard shortcuts" button and the small dialog listing them (SHORTCUT_HELP). */

import { useId, useRef, useState } from 'react';
import { useModalFocus } from '../../../lib/use-modal-focus';
import { selectors } from '../../../testing/selectors';
import { SHORTCUT_HELP } from '../utils/keymap';
import './shortcuts-help.css';

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {selectors.shortcuts.help.name}
      </button>
      {open ? <ShortcutsDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** The list of shortcuts as a modal dialog; focus returns to whatever opened it. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const onDialogKeyDown = useModalFocus(dialog, onClose);
  return (
    <div className="shortcuts-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="shortcuts-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={onDialogKeyDown}
      >
        <h2 id={titleId}>{selectors.shortcuts.dialog.name}</h2>
        {SHORTCUT_HELP.map((group) => (
          <table key={group.title} className="shortcuts-table">
            <caption>{group.title}</caption>
            <tbody>
              {group.entries.map((entry) => (
                <tr key={entry.action}>
                  <th scope="row">
                    {entry.keys.map((keys, i) => (
                      <span key={keys}>
                        {i > 0 ? ' or ' : null}
                        <kbd>{keys}</kbd>
                      </span>
                    ))}
                  </th>
                  <td>{entry.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <div className="shortcuts-buttons">
          <button type="button" data-autofocus onClick={onClose}>{selectors.shortcuts.close.name}</button>
        </div>
      </div>
    </div>
  );
}
