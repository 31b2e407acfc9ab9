/**
 * The workspace's keys outside the editor (src/features/tabs/utils/keymap.ts says which): cancel
 * the tab's query, a new tab on the same connection, the next/previous tab, reopen the last
 * closed one.
 */
import { useCallback } from 'react';
import type { TabsStore } from '../features/tabs/hooks/tabs-store';
import { useWorkspaceShortcuts } from '../features/tabs/hooks/use-workspace-shortcuts';
import type { WorkspaceCommand } from '../features/tabs/utils/keymap';

export interface WorkspaceCommandsOptions {
  tabsStore: TabsStore;
  /** The active tab's connection: a new tab starts on it. */
  clusterUrl: string;
  database: string;
  running: boolean;
  cancel(): void;
}

/** Binds the keys; returns "new tab" for the tab bar's + button. */
export function useWorkspaceCommands({ tabsStore, clusterUrl, database, running, cancel }: WorkspaceCommandsOptions): { newTab(): void } {
  const newTab = useCallback(
    () => tabsStore.dispatch({ type: 'new', id: crypto.randomUUID(), clusterUrl, database }),
    [tabsStore, clusterUrl, database],
  );
  const onCommand = useCallback(
    (command: WorkspaceCommand) => {
      switch (command) {
        case 'cancel-query': return cancel();
        case 'new-tab': return newTab();
        case 'next-tab': return tabsStore.dispatch({ type: 'activate-relative', step: 1 });
        case 'previous-tab': return tabsStore.dispatch({ type: 'activate-relative', step: -1 });
        case 'reopen-closed-tab': return tabsStore.dispatch({ type: 'reopen-closed' });
      }
    },
    [cancel, newTab, tabsStore],
  );
  // Outside the editor too (monaco handles Shift+Enter and Ctrl+Shift+Enter itself when it has focus).
  useWorkspaceShortcuts(running, onCommand);
  return { newTab };
}
