import { createAppointmentsRepository } from '../../store/repositories/appointments';
import type { ServiceContext } from '../context';
import type { FirmsService } from '../firms';
import type { AuditRecorder } from '../privacy/audit';
import type { SettingsService } from '../settings';
import { createBooking, type BookingDeps } from './booking';
import { createAgendaConfigService } from './config';
import { createDaySheet } from './daysheet';
import { createAgendaDemo } from './demo';
import { createAgendaQueries } from './queries';
import { createAgendaWorkspace } from './workspace';

/**
 * The agenda (issue 11): the firms' set-up, appointments booked during calls, the slot finder and availability,
 * all from the local store. The CalDAV sync (sync/) fills busy blocks and pushes appointments; nothing here waits
 * for the network.
 */
export function createAgendaService(
  ctx: ServiceContext,
  deps: {
    firms: FirmsService;
    settings: SettingsService;
    audit?: AuditRecorder | undefined;
    recordTaken: BookingDeps['recordTaken'];
    /** The caller's e-mails (mail/): queued in the booking's own transaction. */
    onChange?: BookingDeps['onChange'];
    /** The CalDAV sync's last success per agenda; until sync/ provides it, no agenda has one. */
    syncedAt?: (agendaId: string) => number | null;
  },
) {
  const appointments = createAppointmentsRepository(ctx.db);
  const config = createAgendaConfigService(ctx, { firms: deps.firms, appointments });
  const who = () => deps.settings.get().secretaryName.trim() || 'secrétaire';
  const booking = createBooking(ctx, {
    firms: deps.firms,
    config,
    appointments,
    who,
    audit: deps.audit,
    recordTaken: deps.recordTaken,
    ...(deps.onChange ? { onChange: deps.onChange } : {}),
  });
  const queries = createAgendaQueries(ctx, {
    firms: deps.firms,
    config,
    appointments,
    syncedAt: deps.syncedAt ?? (() => null),
  });
  const workspace = createAgendaWorkspace(ctx, { config, appointments });
  return {
    appointments,
    config,
    booking,
    queries,
    workspace,
    demo: createAgendaDemo(ctx, { firms: deps.firms, config, appointments }),
    daySheet: createDaySheet({
      now: ctx.now,
      view: (firmId) => config.view(firmId),
      firmName: (firmId) => deps.firms.get(firmId).profile.name,
      range: (firmId, agendaId, from, to) => appointments.range(firmId, agendaId, from, to),
    }),
  };
}
export type AgendaService = ReturnType<typeof createAgendaService>;
