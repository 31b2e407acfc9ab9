import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bootstrap } from './app/bootstrap';
import { applyDocumentTheme, initialTheme } from './app/use-theme';
import './app/styles.css';
import { warmUpSignedInScreen } from './app/warm-up';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

applyDocumentTheme(initialTheme());
// Before MSAL's token exchange, so the editor chunk and the decode worker load meanwhile.
warmUpSignedInScreen();
// The screens load beside the boot (config.json, then MSAL's code exchange), not before it: as a
// static import, every module of the workbench had to arrive and run before config.json was even
// asked for, and the provider's answer sat in the address bar meanwhile.
const [boot, { App }] = await Promise.all([bootstrap(window.location.origin), import('./app/app')]);
createRoot(root).render(
  <StrictMode>
    <App boot={boot} />
  </StrictMode>,
);
