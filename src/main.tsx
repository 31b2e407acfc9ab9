import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { bootstrap } from './app/bootstrap';
import { applyDocumentTheme, initialTheme } from './app/use-theme';
import './app/styles.css';
import { warmUpSignedInScreen } from './app/warm-up';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

applyDocumentTheme(initialTheme());
// Before MSAL's token exchange, so the editor chunk and the decode worker load meanwhile.
warmUpSignedInScreen();
const boot = await bootstrap(window.location.origin);
createRoot(root).render(
  <StrictMode>
    <App boot={boot} />
  </StrictMode>,
);
