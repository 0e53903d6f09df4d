import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import type { Phone, CallView } from '../../phone';

/** Transfer the caller to one of the firm's people: blind (Entrée) or announced (consult first, then complete). */
export function Transfer({ phone, call, firm }: { phone: Phone; call: CallView; firm: FirmDetail | undefined }) {
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
