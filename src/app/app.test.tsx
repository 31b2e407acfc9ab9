import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectors } from '../testing/selectors';
import { App } from './app';
import { bootstrap } from './bootstrap';

const localConfig = {
  auth: { clientId: 'kql-workbench-local', authority: 'https://localhost:9443/', knownAuthorities: ['localhost:9443'], protocolMode: 'OIDC' },
  clusters: [{ url: 'https://localhost:8443', defaultDatabase: 'Samples' }],
  trustedHosts: ['localhost'],
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('App start', () => {
  it('shows a configuration error screen that names the bad field', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ auth: { clientId: 'x' }, clusters: [] }))));
    const boot = await bootstrap('https://localhost:5173');
    render(<App boot={boot} />);
    expect(screen.getByRole('heading', { name: selectors.config.heading.name })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/auth\.authority/);
  });

  it('shows the sign-in screen when nobody is signed in', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(localConfig))));
    const boot = await bootstrap('https://localhost:5173');
    expect(boot.state).toBe('ready');
    render(<App boot={boot} />);
    const button = await screen.findByRole(selectors.signIn.button.role, { name: selectors.signIn.button.name });
    expect(screen.getByRole('heading', { name: selectors.signIn.heading.name })).toBeTruthy();
    await vi.waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  });
});
