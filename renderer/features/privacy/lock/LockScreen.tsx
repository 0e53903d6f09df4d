import { useTranslation } from 'react-i18next';
import type { LockStatus } from '../../../../shared/domain/lock';
import type { Phone } from '../../../phone';
import { LockedCalls } from './LockedCalls';
import { UnlockForm } from './UnlockForm';
import './lock.css';

/**
 * The whole page while locked: every screen, dialog and notice is unmounted (nothing of a firm, a caller or a
 * message stays in the DOM), only this form and, when the phone rings, the ringing call's card.
 */
export function LockScreen({ phone, onUnlocked }: { phone: Phone | null; onUnlocked(status: LockStatus): void }) {
  const { t } = useTranslation();
  return (
    <main className="lock-screen" aria-labelledby="lock-title">
      <div className="lock-screen__panel">
        <h1 id="lock-title" className="lock-screen__title">
          {t('lock.screen.title')}
        </h1>
        <p className="lock-screen__hint">{t('lock.screen.hint')}</p>
        {phone ? <LockedCalls phone={phone} /> : null}
        <UnlockForm onUnlocked={onUnlocked} />
      </div>
    </main>
  );
}
