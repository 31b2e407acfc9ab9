/**
 * The header: the connection pane's disclosure, the title, and the actions. Below a measured
 * width the actions go behind "More actions" (`renderActions(compact)`).
 */
import { useRef, type ReactNode } from 'react';
import { useElementSize } from '../lib/use-element-size';
import { selectors } from '../testing/selectors';

/** Header width under which Open link, History, theme and shortcuts go behind "More actions". */
export const COMPACT_HEADER_BELOW = 1100;

export interface AppHeaderProps {
  paneOpen: boolean;
  onTogglePane(): void;
  renderActions(compact: boolean): ReactNode;
}

export function AppHeader({ paneOpen, onTogglePane, renderActions }: AppHeaderProps) {
  const header = useRef<HTMLElement>(null);
  const width = useElementSize(header).width;
  // Measured widths of the header's buttons in one row: below this they go behind "More actions".
  const compact = width > 0 && width < COMPACT_HEADER_BELOW;
  return (
    <header ref={header} className="app-header">
      {/* A disclosure for the connection pane; it starts closed where the window is narrow. */}
      <button type="button" className="pane-toggle" aria-expanded={paneOpen} aria-controls="connection-pane" onClick={onTogglePane}>
        {selectors.header.connections.name}
      </button>
      <span className="app-title">KQL Workbench</span>
      <span className="spacer" />
      {renderActions(compact)}
    </header>
  );
}
