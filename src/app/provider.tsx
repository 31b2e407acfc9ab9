import type { IPublicClientApplication } from '@azure/msal-browser';
import { MsalProvider } from '@azure/msal-react';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { RuntimeConfigProvider } from '../config/runtime-config-context';
import type { RuntimeConfig } from '../config/runtime-config';
import { createQueryClient } from '../lib/react-query';

interface AppProviderProps {
  config: RuntimeConfig;
  msal: IPublicClientApplication;
  children: ReactNode;
}

export function AppProvider({ config, msal, children }: AppProviderProps) {
  const [queryClient] = useState(createQueryClient);
  return (
    <RuntimeConfigProvider config={config}>
      <MsalProvider instance={msal}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </MsalProvider>
    </RuntimeConfigProvider>
  );
}
