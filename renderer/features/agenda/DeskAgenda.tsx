import type { Appointment } from '../../../shared/domain/agenda/appointment';
import { CallerAppointments } from './CallerAppointments';
import { SlotFinder, type FinderCaller } from './SlotFinder';

export type DeskAgendaMode = { mode: 'book' } | { mode: 'find' } | { mode: 'move'; appointment: Appointment };

export interface DeskAgendaOutcome {
  appointment: Appointment;
  change: 'booked' | 'moved' | 'cancelled';
}

/** Alt+R: take an appointment; Alt+Maj+R: the caller's appointments (move, cancel). */
export function deskAgendaShortcut(event: {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  key: string;
}): 'book' | 'find' | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.key.toLowerCase() !== 'r') return null;
  return event.shiftKey ? 'find' : 'book';
}

/** The agenda inside the call desk: the slot finder, or the caller's appointments, in the message's column. */
export function DeskAgenda({
  firmId,
  state,
  caller,
  callId,
  onState,
  onOutcome,
  onClose,
}: {
  firmId: string;
  state: DeskAgendaMode;
  caller: FinderCaller;
  callId: string | null;
  onState(state: DeskAgendaMode): void;
  onOutcome(outcome: DeskAgendaOutcome): void;
  onClose(): void;
}) {
  if (state.mode === 'find') {
    return (
      <CallerAppointments
        firmId={firmId}
        initialQuery={caller.phone || caller.name}
        onMove={(appointment) => onState({ mode: 'move', appointment })}
        onCancelled={(appointment) => onOutcome({ appointment, change: 'cancelled' })}
        onClose={onClose}
      />
    );
  }
  return (
    <SlotFinder
      key={state.mode === 'move' ? state.appointment.id : 'book'}
      firmId={firmId}
      caller={caller}
      callId={callId}
      moving={state.mode === 'move' ? state.appointment : null}
      onDone={onOutcome}
      onClose={state.mode === 'move' ? () => onState({ mode: 'find' }) : onClose}
    />
  );
}
