import { useContext, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { ShellContext, createShellStore } from '../../app/shell-context';
import { useShortcuts } from '../../app/use-shortcuts';
import type { Phone } from '../../phone';
import { FirmSelect } from '../../ui/FirmSelect';

const idleShell = createShellStore();

/** The line in the status bar: registered / connecting / down and why; pause; the demo line's "Simuler un appel". */
export function LineStatus() {
  const shell = useContext(ShellContext) ?? idleShell;
  const phone = useStore(shell, (s) => s.phone);
  const { t } = useTranslation();
  if (!phone) {
    return (
      <span className="status-bar__line" role="status" aria-label={t('status.lineLabel')}>
        <span className="dot dot--idle" aria-hidden /> {t('phone.line.starting')}
      </span>
    );
  }
  return <LineStatusFor phone={phone} />;
}

export function LineStatusFor({ phone }: { phone: Phone }) {
  const { t } = useTranslation();
  const line = useStore(phone.store, (s) => s.line);
  const dnd = useStore(phone.store, (s) => s.dnd);
  const [simulating, setSimulating] = useState(false);
  const simulateButton = useRef<HTMLButtonElement>(null);
  useShortcuts({ simulateCall: () => setSimulating(true) });
  const dot =
    line.state === 'registered' ? 'ok' : line.state === 'down' ? 'down' : line.state === 'connecting' ? 'busy' : 'idle';
  return (
    <span className="phone-line">
      <span
        className="status-bar__line"
        role="status"
        aria-label={t('status.lineLabel')}
        data-line-state={line.state}
        data-line-server={line.server ?? undefined}
        title={line.server ? t('phone.line.server', { url: line.server }) : undefined}
      >
        <span className={`dot dot--${dot}`} aria-hidden /> {t(`phone.line.${line.state}`)}
        {line.reason && line.state !== 'registered' ? (
          <span className="phone-line__reason"> — {line.reason}</span>
        ) : null}
        {line.state === 'registered' && line.serverIndex > 0 && line.server ? (
          <span className="phone-line__backup"> — {t('phone.line.backup', { host: hostOf(line.server) })}</span>
        ) : null}
      </span>
      {line.alert ? (
        <span role="alert" className="phone-line__alert">
          {t('phone.line.alert')}
        </span>
      ) : null}
      <button
        type="button"
        className="button button--plain"
        aria-pressed={dnd}
        onClick={() => phone.calls.setDnd(!dnd)}
      >
        {dnd ? t('phone.line.dndOn') : t('phone.line.dndOff')}
      </button>
      <span className="phone-simulate-anchor">
        <button
          type="button"
          className="button button--plain"
          aria-expanded={simulating}
          aria-keyshortcuts="F8"
          title={t('phone.demo.simulateShortcut')}
          ref={simulateButton}
          onClick={() => setSimulating(!simulating)}
        >
          {t('phone.demo.simulate')}
        </button>
        {simulating ? (
          <SimulateCall
            phone={phone}
            onDone={() => setSimulating(false)}
            onCancel={() => {
              setSimulating(false);
              simulateButton.current?.focus();
            }}
          />
        ) : null}
      </span>
    </span>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function SimulateCall({ phone, onDone, onCancel }: { phone: Phone; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const firms = phone.firms();
  const [firmId, setFirmId] = useState(firms[0]?.id ?? '');
  return (
    <form
      className="phone-simulate"
      aria-label={t('phone.demo.simulate')}
      onSubmit={(e) => {
        e.preventDefault();
        if (phone.simulateIncoming(firmId)) onDone();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onCancel();
      }}
    >
      <p className="phone-simulate__note">{t('phone.demo.note')}</p>
      <label>
        {t('phone.demo.firm')}{' '}
        <FirmSelect
          firms={firms.map((f) => ({ id: f.id, name: f.profile.name }))}
          value={firmId}
          onChange={setFirmId}
          autoFocus
        />
      </label>
      <button type="submit" className="button button--primary" disabled={!firmId}>
        {t('phone.demo.ring')}
      </button>
    </form>
  );
}
