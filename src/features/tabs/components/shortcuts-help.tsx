/** The "Keyboard shortcuts" button and the small dialog listing them (SHORTCUT_HELP). */

import { useEffect, useId, useRef, useState } from 'react';
import { selectors } from '../../../testing/selectors';
import { SHORTCUT_HELP } from '../utils/keymap';
import './shortcuts-help.css';

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);

  const dismiss = () => {
    setOpen(false);
    opener.current?.focus();
  };

  return (
    <>
      <button ref={opener} type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {selectors.shortcuts.help.name}
      </button>
      {open ? (
        <div className="shortcuts-backdrop" onClick={dismiss}>
          <div
            role="dialog"
            aria-modal="true"
            aria-labelledby={titleId}
            className="shortcuts-dialog"
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                dismiss();
              }
            }}
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
              <button ref={close} type="button" onClick={dismiss}>{selectors.shortcuts.close.name}</button>
            </div>
          </div>
        </div>
      ) : null}
    </>
  );
}
