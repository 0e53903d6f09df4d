import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { AudioDevicesButton, AudioDevicesMenu, AudioDevicesNotice, useAudioDevicesShortcut } from './AudioDevices';
import { RecentMessages } from './RecentMessages';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import { openingStateAt } from '../../../shared/domain/firm/opening';
import type { Phone, CallView } from '../../phone';
import { formatDateTime, formatWhenFrom } from '../../ui/format';
import { isKnownPublicHoliday } from '../../api/public-holidays';
import { FirmSelect } from '../../ui/FirmSelect';
import { Name } from '../../ui/Name';
import { SafeMarkdown } from '../../ui/SafeMarkdown';

function elapsed(from: number | null, now: number): string {
  if (from === null) return '0:00';
  const s = Math.max(0, Math.floor((now - from) / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The call timer re-renders itself every second, not the whole card (greeting, consignes, history): the less the
 * page does each second, the sooner sip.js answers the next INVITE.
 */
function CallTimer({ from, to, running }: { from: number | null; to: number | null; running: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return (
    <span className="phone-card__timer" role="timer" aria-label={t('phone.card.timer')}>
      {elapsed(from, to ?? now)}
    </span>
  );
}

function Opening({ firm }: { firm: FirmDetail }) {
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
function HowItCame({ call }: { call: CallView }) {
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

function Caller({ call, firm }: { call: CallView; firm: FirmDetail | undefined }) {
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

function AssignFirm({ phone, call }: { phone: Phone; call: CallView }) {
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

function Transfer({ phone, call, firm }: { phone: Phone; call: CallView; firm: FirmDetail | undefined }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState('');
  const people = (firm?.people ?? []).filter((p) => p.transferTarget);
  const transfer = call.transfer;
  if (transfer && transfer.kind === 'announced' && transfer.state !== 'failed') {
    return (
      <div className="phone-card__transfer" role="group" aria-label={t('phone.transfer.label')}>
        <span>{t(`phone.transfer.state.${transfer.state}`, { target: transfer.target })}</span>
        <button
          type="button"
          className="button button--primary"
          disabled={transfer.state !== 'consulting'}
          onClick={() => void phone.calls.completeTransfer(call.id)}
        >
          {t('phone.transfer.complete')}
        </button>
        <button type="button" className="button button--plain" onClick={() => void phone.calls.returnToCaller(call.id)}>
          {t('phone.transfer.return')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="phone-card__transfer row"
      onSubmit={(e) => {
        // Entrée in the field transfers at once (blind): Ctrl+Maj+T, the number, Entrée.
        e.preventDefault();
        if (target) void phone.calls.blindTransfer(call.id, target);
      }}
      aria-label={t('phone.transfer.label')}
    >
      <input
        list={`phone-people-${call.id}`}
        value={target}
        onChange={(e) => setTarget(e.target.value)}
        placeholder={t('phone.transfer.placeholder')}
        aria-label={t('phone.transfer.target')}
        data-phone-transfer-input
      />
      <datalist id={`phone-people-${call.id}`}>
        {people.map((p) => (
          <option key={p.id} value={p.transferTarget}>
            {p.name}
          </option>
        ))}
      </datalist>
      <button
        type="button"
        className="button button--plain"
        disabled={!target}
        onClick={() => void phone.calls.blindTransfer(call.id, target)}
      >
        {t('phone.transfer.blind')}
      </button>
      <button
        type="button"
        className="button button--plain"
        disabled={!target}
        onClick={() => void phone.calls.startConsult(call.id, target)}
      >
        {t('phone.transfer.announced')}
      </button>
      {transfer?.state === 'failed' ? (
        <span role="alert">{t('phone.transfer.failed', { reason: transfer.error ?? '' })}</span>
      ) : null}
    </form>
  );
}

const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

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
              {call.demo ? (
                <button
                  type="button"
                  className="button button--plain"
                  onClick={() => phone.simulateCallerHangup(call.id)}
                >
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
      {call.state === 'active' && showPad ? (
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
      ) : null}
      {call.state === 'active' && !call.consultFor && call.direction === 'inbound' ? (
        <Transfer phone={phone} call={call} firm={firm} />
      ) : null}
    </section>
  );
});
