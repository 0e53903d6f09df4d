import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resolveClient } from './api/client';
import { App } from './app/App';
import { createI18n } from './i18n';
import './styles.css';

const api = resolveClient();
const i18n = createI18n('fr');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} i18n={i18n} />
  </StrictMode>,
);
