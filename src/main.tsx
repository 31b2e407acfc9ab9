import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { bootstrap } from './app/bootstrap';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

const boot = await bootstrap(window.location.origin);
createRoot(root).render(
  <StrictMode>
    <App boot={boot} />
  </StrictMode>,
);
