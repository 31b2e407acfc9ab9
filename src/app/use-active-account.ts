import { EventType, type AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useCallback, useEffect, useReducer } from 'react';
import { homeAccounts, homeProfileOf } from '../features/auth/api/accounts';

/**
 * The account the workbench works as (MSAL's active account, by its home profile), and a way to
 * switch to another signed-in one. Re-renders when MSAL changes it.
 */
export function useActiveAccount(): [AccountInfo | null, (account: AccountInfo) => void] {
  const { instance } = useMsal();
  const [, changed] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const id = instance.addEventCallback((event) => {
      if (event.eventType === EventType.ACTIVE_ACCOUNT_CHANGED) changed();
    });
    return () => {
      if (id) instance.removeEventCallback(id);
    };
  }, [instance]);
  const use = useCallback(
    (account: AccountInfo) => {
      instance.setActiveAccount(homeProfileOf(instance.getAllAccounts(), account));
      changed();
    },
    [instance],
  );
  const active = instance.getActiveAccount() ?? homeAccounts(instance.getAllAccounts())[0] ?? null;
  return [active, use];
}
