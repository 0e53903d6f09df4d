import { DateTime } from 'luxon';
import path from 'node:path';
import { sourceRoot } from '../../../main/platform/paths';
import { createServices, type Services } from '../../../main/services';
import { connectCalDav, type CalDavConnection } from '../../../main/services/agenda/sync/caldav';
import { openStore, type Db } from '../../../main/store/open';
import { agendaConfigSchema } from '../../../shared/domain/agenda/config';
import { tempDir } from '../../fixtures/factories';
import { createMartin } from '../messaging-context';
import type { Radicale } from '../../support/radicale';

export const PARIS = 'Europe/Paris';
export const paris = (local: string) => DateTime.fromISO(local, { zone: PARIS }).toMillis();
export const localOf = (ms: number) => DateTime.fromMillis(ms, { zone: PARIS }).toFormat("yyyy-MM-dd'T'HH:mm");

const weekdays = (start: string, end: string) =>
  ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start, end, motifIds: [] }));

/**
 * A store and services with a clock the test moves (retries become due when it says so, no sleeps), a firm with
 * Dr Morel's agenda synced to Radicale's morel/cabinet calendar, and a CalDAV client as the practitioner's own
 * calendar app.
 */
export interface SyncContext {
  dataDir: string;
  db: Db;
  services: Services;
  firmId: string;
  agendaId: string;
  calendarUrl: string;
  clock: { now: number };
  practitioner: CalDavConnection;
  events: Array<{ name: string; payload: unknown }>;
  book(localStart: string, callerName?: string): string;
  /** Hrefs on the server holding this UID. */
  onServer(uid: string): Promise<Array<{ href: string; etag: string; data: string }>>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function openSyncContext(
  radicale: Radicale,
  options: { dataDir?: string; start?: string; calendar?: string; workerBundle?: string } = {},
): Promise<SyncContext> {
  const dataDir = options.dataDir ?? tempDir();
  const clock = { now: paris(options.start ?? '2026-03-02T08:00') };
  const events: SyncContext['events'] = [];
  const calendar = options.calendar ?? 'cabinet';
  const calendarUrl = radicale.makeCalendar('morel', calendar, 'Cabinet Dr Morel');
  function open() {
    const db = openStore({ dataDir });
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'test',
      transport: 'harness',
      now: () => clock.now,
      emit: (name, payload) => events.push({ name, payload }),
      agendaSyncBackoff: { baseMs: 5_000, maxMs: 300_000 },
      ...(options.workerBundle ? { agendaSyncWorkerBundle: options.workerBundle } : {}),
    });
    return { db, services };
  }
  let { db, services } = open();
  const firmId = createMartin(services);
  const agendaId = `morel-${firmId.slice(0, 8)}`;
  services.agenda.config.save(
    firmId,
    agendaConfigSchema.parse({
      agendas: [{ id: agendaId, name: 'Dr Morel', template: weekdays('08:00', '19:00') }],
      motifs: [
        { id: `consult-${firmId.slice(0, 8)}`, name: 'Consultation', durationMinutes: 30, agendaIds: [agendaId] },
      ],
    }),
    undefined,
  );
  services.agendaSync.save({
    agendaId,
    serverUrl: radicale.url,
    username: 'morel',
    password: 'secret-morel',
    enabled: true,
  });
  services.agendaSync.chooseCalendar(agendaId, calendarUrl, 'Cabinet Dr Morel');
  const practitioner = await connectCalDav({ serverUrl: radicale.url, username: 'morel', password: 'secret-morel' });
  const ctx: SyncContext = {
    dataDir,
    get db() {
      return db;
    },
    get services() {
      return services;
    },
    firmId,
    agendaId,
    calendarUrl,
    clock,
    practitioner,
    events,
    book(localStart, callerName = 'Jeanne Petit') {
      return services.agenda.booking.book({
        firmId,
        agendaId,
        motifId: `consult-${firmId.slice(0, 8)}`,
        startsAt: paris(localStart),
        caller: { contactId: null, name: callerName, phone: '+33612345678', email: '' },
        newCaller: false,
        note: '',
        callId: null,
        force: { reason: 'test' },
      }).id;
    },
    async onServer(uid) {
      const listed = await practitioner.listEtags(calendarUrl);
      const objects = await practitioner.fetchObjects(
        calendarUrl,
        listed.map((o) => o.href),
      );
      return objects.filter((o) => o.data.includes(`UID:${uid}`));
    },
    async reopen() {
      await services.agendaSync.engine.stop();
      await services.messages.stopWorker();
      db.close();
      ({ db, services } = open());
    },
    async close() {
      await services.agendaSync.engine.stop();
      await services.messages.stopWorker();
      db.close();
    },
  };
  return ctx;
}
