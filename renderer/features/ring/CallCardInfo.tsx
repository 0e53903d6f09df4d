import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import { openingStateAt } from '../../../shared/domain/firm/opening';
import { isKnownPublicHoliday } from '../../api/public-holidays';
import type { Phone, CallView } from '../../phone';
import { formatDateTime, formatWhenFrom } from '../../ui/format';
import { FirmSelect } from '../../ui/FirmSelect';
import { Name } from '../../ui/Name';
import { RecentMessages } from './RecentMessages';

/** What the ring card says about the call before she answers: whether the firm is open, how the call came, who calls. */

export function Opening({ firm }: { firm: FirmDetail }) {
  const { t, i18n } = useTranslation();
  // Open or closed when the phone rang: what she must say does not change during the call.
  const [ringAt] = useState(() => Date.now());
  const state = openingStateAt(
    {
      timeZone: firm.profile.timeZone,
      weeklyHours: firm.profile.weeklyHours,
      closures: firm.profile.closures,
      closedOnPublicHolidays: firm.profile.closedOnPublicHolidays,
    },
    ringAt,
    isKnownPublicHoliday,
  );
  return (
    <span className={`phone-card__opening opening--${state.open ? 'open' : 'closed'}`}>
      {state.open
        ? t('opening.openUntil', { when: formatWhenFrom(state.until, ringAt, i18n.language, firm.profile.timeZone) })
        : t('opening.closedShort')}
    </span>
  );
}

/**
 * How the call reached her, in her words: « renvoyé depuis le 01 42 00 00 01 · renvoi sur non-réponse ». The SIP
 * header that named the number (« via Diversion ») stays in the tooltip for the curious.
 */
export function HowItCame({ call }: { call: CallView }) {
  const { t } = useTranslation();
  if (!call.matchedBy && !call.diversion) return null;
  return (
    <p className="phone-card__via">
      {call.matchedBy ? (
        <span title={`${t(call.matchedBy.sourceLabelKey)} ${call.matchedBy.formattedNumber}`}>
          {t('call.forwardedFrom', { number: call.matchedBy.formattedNumber })}
        </span>
      ) : null}
      {call.diversion ? (
        <span>
          {' · '}
          {t(call.diversion.reasonKey)}
          {call.diversion.counter > 1 ? ` (${t('phone.card.hops', { count: call.diversion.counter })})` : ''}
        </span>
      ) : null}
    </p>
  );
}

export function Caller({ call, firm }: { call: CallView; firm: FirmDetail | undefined }) {
  const { t, i18n } = useTranslation();
  const contact = call.lookup?.contacts[0];
  return (
    <div className="phone-card__caller">
      <span className="phone-card__caller-number">
        {call.caller.anonymous ? t('phone.card.anonymous') : call.caller.formatted || t('phone.card.unknownCaller')}
      </span>
      {contact ? (
        <span className="phone-card__contact">
          <Name>{contact.name}</Name>
          {contact.company ? (
            <>
              {' '}
              — <Name>{contact.company}</Name>
            </>
          ) : null}
          {contact.vip ? <span className="phone-card__badge">{t('phone.card.vip')}</span> : null}
        </span>
      ) : call.caller.displayName ? (
        <Name className="phone-card__contact phone-card__contact--network">{call.caller.displayName}</Name>
      ) : null}
      {call.lookup === null ? (
        <span className="phone-card__muted">{t('phone.card.lookingUp')}</span>
      ) : call.lookup.recentCalls.length > 0 ? (
        <ul className="phone-card__history" aria-label={t('phone.card.history')}>
          {call.lookup.recentCalls.map((r) => (
            <li key={r.id}>
              {formatDateTime(r.offeredAt, i18n.language, firm?.profile.timeZone)} —{' '}
              {t(`phone.outcome.${r.outcome ?? 'ringing'}`)}
            </li>
          ))}
        </ul>
      ) : contact ? null : (
        <span className="phone-card__muted">{t('phone.card.firstCall')}</span>
      )}
      {call.firmId && call.caller.e164 && !call.caller.anonymous ? (
        <RecentMessages firmId={call.firmId} callerE164={call.caller.e164} timeZone={firm?.profile.timeZone} />
      ) : null}
    </div>
  );
}

export function AssignFirm({ phone, call }: { phone: Phone; call: CallView }) {
  const { t } = useTranslation();
  const firms = phone.firms();
  const [firmId, setFirmId] = useState(firms[0]?.id ?? '');
  const [error, setError] = useState<string | null>(null);
  if (!call.calledNumber || firms.length === 0) return null;
  return (
    <div className="phone-card__assign row">
      <label>
        {t('phone.card.belongsTo')}{' '}
        <FirmSelect
          firms={firms.map((f) => ({ id: f.id, name: f.profile.name }))}
          value={firmId}
          onChange={setFirmId}
        />
      </label>
      <button
        type="button"
        className="button button--plain"
        onClick={() => phone.calls.assignFirm(call.id, firmId).catch((e: Error) => setError(e.message))}
      >
        {t('phone.card.assign')}
      </button>
      {error ? <span role="alert">{error}</span> : null}
    </div>
  );
}
