import { useTranslation } from 'react-i18next';
import type { Phone, CallView } from '../../phone';

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Answer (F9) and decline (F10): the ring card's first two buttons, and all the lock screen offers a ringing call. */
export function AnswerDecline({ phone, call }: { phone: Phone; call: CallView }) {
  const { t } = useTranslation();
  return (
    <>
      <button
        type="button"
        className="button button--primary phone-button--answer"
        aria-keyshortcuts="F9"
        onClick={() => void phone.calls.answer(call.id)}
      >
        {t('phone.action.answer')}
      </button>
      <button
        type="button"
        className="button button--danger"
        aria-keyshortcuts="F10"
        onClick={() => void phone.calls.decline(call.id)}
      >
        {t('phone.action.decline')}
      </button>
    </>
  );
}

/** What she can do while it rings: answer (F9), decline (F10), ignore; a demo call can also hang up by itself. */
export function RingActions({ phone, call }: { phone: Phone; call: CallView }) {
  const { t } = useTranslation();
  return (
    <>
      <AnswerDecline phone={phone} call={call} />
      {call.demo ? (
        <button type="button" className="button button--plain" onClick={() => phone.simulateCallerHangup(call.id)}>
          {t('phone.demo.callerHangsUp')}
        </button>
      ) : null}
      {!call.ignored ? (
        <button type="button" className="button button--plain" onClick={() => phone.calls.ignore(call.id)}>
          {t('phone.action.ignore')}
        </button>
      ) : (
        <span className="phone-card__muted">{t('phone.card.ignored')}</span>
      )}
    </>
  );
}

/** The keypad of an answered call (tones to the caller's voice server), with what was sent so far. */
export function DtmfPad({ phone, call }: { phone: Phone; call: CallView }) {
  const { t } = useTranslation();
  return (
    <div className="phone-card__pad" role="group" aria-label={t('phone.action.keypad')}>
      {DTMF_KEYS.map((k) => (
        <button
          key={k}
          type="button"
          className="button button--plain"
          onClick={() => void phone.calls.sendDtmf(call.id, k)}
        >
          {k}
        </button>
      ))}
      <output aria-label={t('phone.card.dtmfSent')}>{call.dtmfSent}</output>
    </div>
  );
}
