import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Phone } from '../../../phone';
import type { CallView } from '../../../phone/types';
import { currentCall } from '../../../phone/store';
import { Name } from '../../../ui/Name';
import { AnswerDecline } from '../../ring/CallActions';

/**
 * While locked, a call that rings still shows whom it is for, the firm's greeting and who calls, so she can
 * answer (F9) or decline (F10); an answered call shows its hang-up button. Nothing else: no history, no
 * messages, no consignes until she unlocks (the call desk then opens on the answered call).
 */
export function LockedCalls({ phone }: { phone: Phone }) {
  const { t } = useTranslation();
  const calls = useStore(phone.store, (s) => s.calls).filter((c) => c.state !== 'ended');
  useLockedCallKeys(phone);
  if (calls.length === 0) return null;
  return (
    <section className="locked-calls" aria-label={t('lock.calls.label')}>
      {calls.map((call) => (
        <LockedCallCard key={call.id} phone={phone} call={call} />
      ))}
    </section>
  );
}

function LockedCallCard({ phone, call }: { phone: Phone; call: CallView }) {
  const { t } = useTranslation();
  const firm = call.firmId ? phone.firm(call.firmId) : undefined;
  const contact = call.lookup?.contacts[0];
  const ringing = call.state === 'ringing' && call.direction === 'inbound';
  const color = firm?.profile.color ?? '#6b7280';
  return (
    <article
      className="phone-card locked-call"
      style={{ borderColor: color }}
      aria-label={firm ? t('phone.card.labelFirm', { firm: firm.profile.name }) : t('phone.card.labelUnknown')}
      data-call-state={call.state}
    >
      <header className="phone-card__band" style={{ background: color }}>
        <span className="phone-card__direction">{t(`phone.card.state.${call.direction}.${call.state}`)}</span>
        <span className="phone-card__firm">
          {firm ? <Name>{firm.profile.name}</Name> : t('phone.card.unknownFirm')}
        </span>
      </header>
      <div className="phone-card__body">
        <p className="phone-card__greeting" data-testid="greeting">
          {firm ? firm.profile.greeting : t('phone.card.unknownGreeting', { number: call.calledNumber ?? '—' })}
        </p>
        <p className="phone-card__caller">
          <span className="phone-card__caller-number">
            {call.caller.anonymous ? t('phone.card.anonymous') : call.caller.formatted || t('phone.card.unknownCaller')}
          </span>
          {contact ? (
            <Name className="phone-card__contact">{contact.name}</Name>
          ) : call.caller.displayName ? (
            <Name className="phone-card__contact phone-card__contact--network">{call.caller.displayName}</Name>
          ) : null}
        </p>
      </div>
      <footer className="phone-card__actions">
        {ringing ? (
          <AnswerDecline phone={phone} call={call} />
        ) : (
          <>
            {call.state === 'active' ? (
              <span className="phone-card__muted">{t('lock.calls.unlockForDesk')}</span>
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
    </article>
  );
}

/** F9 answers and F10 hangs up or declines here too: the console's own call keys are unmounted with it. */
function useLockedCallKeys(phone: Phone): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key !== 'F9' && event.key !== 'F10') return;
      const call = currentCall(phone.store.getState());
      if (!call) return;
      event.preventDefault();
      if (event.key === 'F9' && call.state === 'ringing') void phone.calls.answer(call.id);
      if (event.key === 'F10') void phone.calls.hangup(call.id);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [phone]);
}
