import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/client';

/** First start: the demo workspace to learn with, or an empty one to start working. */
export function FirstRun({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose(kind: 'demo' | 'empty') {
    setBusy(true);
    try {
      await api.workspace.initialise({ kind });
      onDone();
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  return (
    <main className="first-run">
      <h1>{t('firstRun.title')}</h1>
      <p className="lead">{t('firstRun.intro')}</p>
      <div className="first-run__choices">
        <button type="button" className="choice" autoFocus disabled={busy} onClick={() => void choose('demo')}>
          <strong>{t('firstRun.demo')}</strong>
          <span>{t('firstRun.demoDetail')}</span>
        </button>
        <button type="button" className="choice" disabled={busy} onClick={() => void choose('empty')}>
          <strong>{t('firstRun.empty')}</strong>
          <span>{t('firstRun.emptyDetail')}</span>
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </main>
  );
}
