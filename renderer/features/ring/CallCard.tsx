import { memo, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Phone, CallView } from '../../phone';
import { Name } from '../../ui/Name';
import { SafeMarkdown } from '../../ui/SafeMarkdown';
import { AudioDevicesButton, AudioDevicesMenu, AudioDevicesNotice, useAudioDevicesShortcut } from './AudioDevices';
import { AssignFirm, Caller, HowItCame, Opening } from './CallCardInfo';
import { DtmfPad, RingActions } from './CallActions';
import { CallTimer } from './CallTimer';
import { Transfer } from './CallTransfer';
import { RingAvailability } from '../agenda/RingAvailability';

/**
 * One call: the ring card before she answers, the in-call controls after. Memoised: a change to one call (a new
 * one ringing, another ending) does not re-render the others' cards.
 */
export const CallCard = memo(function CallCard({
  phone,
  call,
  onTakeMessage,
  deskOpen = false,
}: {
  phone: Phone;
  call: CallView;
  onTakeMessage?(call: CallView): void;
  /** The call desk is open for this call; when it is not (closed, or she went to another screen), offer it again. */
  deskOpen?: boolean;
}) {
  const { t } = useTranslation();
  const firm = call.firmId ? phone.firm(call.firmId) : undefined;
  const ref = useRef<HTMLElement>(null);
  const [showPad, setShowPad] = useState(false);
  const [showDevices, setShowDevices] = useState(false);
  const devicesButton = useRef<HTMLButtonElement>(null);
  const devicesMenuId = `audio-devices-${call.id}`;
  const focused = useStore(phone.store, (s) => s.focusedCallId === call.id);
  useAudioDevicesShortcut(phone, call.id, call.state === 'active', () => {
    if (!showDevices) return setShowDevices(true);
    document.getElementById(devicesMenuId)?.querySelector<HTMLElement>('[aria-checked="true"]')?.focus();
  });

  // Stamp when the greeting was first painted (the ring-to-greeting benchmark reads it).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || el.dataset.paintedAt) return;
    requestAnimationFrame(() => (el.dataset.paintedAt = String(Date.now())));
  }, []);

  const ringing = call.state === 'ringing' && call.direction === 'inbound';
  const live = call.state !== 'ended';
  const color = firm?.profile.color ?? '#6b7280';
  return (
    <section
      ref={ref}
      className={`phone-card phone-card--${call.state}${call.ignored ? ' phone-card--ignored' : ''}${focused ? ' phone-card--focused' : ''}`}
      style={{ borderColor: color }}
      aria-label={firm ? t('phone.card.labelFirm', { firm: firm.profile.name }) : t('phone.card.labelUnknown')}
      data-call-id={call.id}
      data-call-state={call.state}
      onFocusCapture={() => live && phone.calls.focus(call.id)}
    >
      <header className="phone-card__band" style={{ background: color }}>
        <span className="phone-card__direction">
          {call.demo ? (
            <span className="phone-card__badge phone-card__badge--demo">{t('phone.demo.badge')}</span>
          ) : null}
          {t(`phone.card.state.${call.direction}.${call.state}`)}
          {call.held ? ` · ${t('phone.card.held')}` : ''}
        </span>
        <span className="phone-card__firm">
          {firm ? <Name>{firm.profile.name}</Name> : t('phone.card.unknownFirm')}
        </span>
        {call.state === 'active' || call.answeredAt ? (
          <CallTimer from={call.answeredAt} to={call.endedAt} running={call.state === 'active'} />
        ) : null}
      </header>
      <div className="phone-card__body">
        {call.remoteHeld && live ? (
          <p role="status" className="phone-card__remote-hold" data-testid="remote-hold">
            {t('phone.card.remoteHeldBanner')}
          </p>
        ) : null}
        {firm ? (
          <>
            <p className="phone-card__greeting" data-testid="greeting">
              {firm.profile.greeting}
            </p>
            {firm.profile.pronunciation ? (
              <p className="phone-card__pronunciation">{firm.profile.pronunciation}</p>
            ) : null}
          </>
        ) : (
          <p className="phone-card__greeting phone-card__greeting--unknown">
            {t('phone.card.unknownGreeting', { number: call.calledNumber ?? '—' })}
          </p>
        )}
        <HowItCame call={call} />
        <Caller call={call} firm={firm} />
        {firm ? <Opening firm={firm} /> : live ? <AssignFirm phone={phone} call={call} /> : null}
        {firm && live ? (
          <RingAvailability firmId={firm.id} callerE164={call.caller.anonymous ? null : call.caller.e164} />
        ) : null}
        {call.offerMessage ? (
          <p role="alert" className="banner banner--warn">
            {t('phone.transfer.noAnswer')}{' '}
            <button type="button" className="button button--plain" onClick={() => onTakeMessage?.(call)}>
              {t('phone.transfer.takeMessage')}
            </button>
          </p>
        ) : null}
        {call.state === 'active' && firm && onTakeMessage && !deskOpen && !call.offerMessage ? (
          <p className="phone-card__reopen">
            <button type="button" className="button" onClick={() => onTakeMessage(call)}>
              {t('phone.transfer.takeMessage')}
            </button>
          </p>
        ) : null}
        {call.holdError ? (
          <p role="alert" className="banner banner--error">
            {t('phone.card.holdFailed', { reason: call.holdError })}
          </p>
        ) : null}
        {call.state === 'active' ? (
          <AudioDevicesNotice
            phone={phone}
            // The button that had the focus is gone: back to the menu's current device, or to « Audio ».
            onDismissed={() =>
              (
                document.getElementById(devicesMenuId)?.querySelector<HTMLElement>('[aria-checked="true"]') ??
                devicesButton.current
              )?.focus()
            }
          />
        ) : null}
        {firm?.consignes.body ? (
          <details className="phone-card__consignes" open={ringing}>
            <summary>{t('phone.card.consignes')}</summary>
            {/* It scrolls when long: reachable and scrollable with the keyboard too. */}
            <div className="markdown" tabIndex={0} role="region" aria-label={t('phone.card.consignes')}>
              <SafeMarkdown onDial={(n) => void phone.calls.call(n, firm.id)}>{firm.consignes.body}</SafeMarkdown>
            </div>
          </details>
        ) : null}
      </div>
      {live ? (
        <footer className="phone-card__actions">
          {ringing ? (
            <RingActions phone={phone} call={call} />
          ) : (
            <>
              {call.state === 'active' ? (
                <>
                  <button
                    type="button"
                    className="button button--plain"
                    aria-pressed={call.muted}
                    aria-keyshortcuts="Control+Shift+M"
                    onClick={() => phone.calls.setMuted(call.id, !call.muted)}
                  >
                    {call.muted ? t('phone.action.unmute') : t('phone.action.mute')}
                  </button>
                  <button
                    type="button"
                    className="button button--plain"
                    aria-pressed={call.held}
                    disabled={call.holdPending}
                    aria-keyshortcuts="Control+Shift+P"
                    onClick={() => void phone.calls.setHold(call.id, !call.held)}
                  >
                    {call.held ? t('phone.action.resume') : t('phone.action.hold')}
                  </button>
                  <button
                    type="button"
                    className="button button--plain"
                    aria-expanded={showPad}
                    onClick={() => setShowPad(!showPad)}
                  >
                    {t('phone.action.keypad')}
                  </button>
                  <AudioDevicesButton
                    ref={devicesButton}
                    expanded={showDevices}
                    controls={devicesMenuId}
                    onToggle={() => setShowDevices(!showDevices)}
                  />
                </>
              ) : null}
              <button
                type="button"
                className="button button--danger"
                aria-keyshortcuts="F10"
                onClick={() => void phone.calls.hangup(call.id)}
              >
                {t('phone.action.hangup')}
              </button>
            </>
          )}
        </footer>
      ) : (
        <footer className="phone-card__actions phone-card__muted">
          {t(`phone.end.${call.endReason ?? 'local-hangup'}`)}
        </footer>
      )}
      {call.state === 'active' && showDevices ? (
        <AudioDevicesMenu
          phone={phone}
          id={devicesMenuId}
          onClose={() => {
            setShowDevices(false);
            devicesButton.current?.focus();
          }}
        />
      ) : null}
      {call.state === 'active' && showPad ? <DtmfPad phone={phone} call={call} /> : null}
      {call.state === 'active' && !call.consultFor && call.direction === 'inbound' ? (
        <Transfer phone={phone} call={call} firm={firm} />
      ) : null}
    </section>
  );
});
