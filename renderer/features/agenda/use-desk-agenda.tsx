import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { currentStep } from '../../../shared/domain/script-runner';
import { showNotice } from '../../ui/Notices';
import type { CallDeskStore } from '../call-desk/call-desk-store';
import { DeskAgenda, type DeskAgendaMode, type DeskAgendaOutcome } from './DeskAgenda';
import { longDay, slotTime } from './format';
import { useAgendaConfig } from './use-agenda-config';

/**
 * The call desk's agenda: which panel is open (finder, the caller's appointments, moving one), and what an
 * outcome does to the message: a line « RDV pris : … » in its body (and « Rendez-vous » as its motif when she
 * had none), so the firm reads it with the rest; on the script's « Prendre rendez-vous » step, the script goes
 * on to the next step.
 */
export function useDeskAgenda(
  store: CallDeskStore,
  options: { firmId: string; callId: string | null; timeZone: string },
) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<DeskAgendaMode | null>(null);
  const content = useStore(store, (s) => s.content);
  const contactId = useStore(store, (s) => s.contactId);
  const { view } = useAgendaConfig(options.firmId);
  // The panel closed (booked, or Échap): the focus goes back into the desk, never to the page (where Échap
  // would close the desk): the script's focused step if it took it, else the message's body.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (state) {
      wasOpen.current = true;
      return;
    }
    if (!wasOpen.current) return;
    wasOpen.current = false;
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>('.cd .cd-message textarea')?.focus();
  }, [state]);
  const available = (view?.config.agendas.length ?? 0) > 0;

  function onOutcome({ appointment, change }: DeskAgendaOutcome) {
    const when = {
      day: longDay(appointment.startsAt, i18n.language, options.timeZone),
      time: slotTime(appointment.startsAt, i18n.language, options.timeZone),
    };
    const line = t(`rdv.desk.line.${change}`, {
      ...when,
      motif: view?.config.motifs.find((m) => m.id === appointment.motifId)?.name ?? '',
      agenda: view?.config.agendas.find((a) => a.id === appointment.agendaId)?.name ?? '',
    });
    const desk = store.getState();
    const body = desk.content.body.trim();
    desk.setBox('body', body ? `${body}\n${line}` : line);
    if (!desk.content.motif.trim()) desk.setBox('motif', t('rdv.desk.motif'));
    showNotice({ text: line });
    const step = currentStep(desk.steps, desk.script);
    if (change !== 'cancelled' && step?.kind === 'appointment') desk.next();
    if (change !== 'cancelled') setState(null);
  }

  const panel = state ? (
    <DeskAgenda
      firmId={options.firmId}
      state={state}
      caller={{ contactId, name: content.callerName, phone: content.callerPhone, email: content.callerEmail }}
      callId={options.callId}
      onState={setState}
      onOutcome={onOutcome}
      onClose={() => setState(null)}
    />
  ) : null;
  const open = (mode: 'book' | 'find') => setState({ mode });
  const buttons = available ? (
    <>
      <button type="button" className="button" aria-keyshortcuts="Alt+R" onClick={() => open('book')}>
        {t('rdv.desk.openShort')}
      </button>
      <button
        type="button"
        className="button button--plain"
        aria-keyshortcuts="Alt+Shift+R"
        onClick={() => open('find')}
      >
        {t('rdv.desk.findShort')}
      </button>
    </>
  ) : null;
  return { state, open, panel, buttons };
}
