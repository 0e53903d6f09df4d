import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaSyncView, DiscoveredCalendarView } from '../../../../shared/domain/agenda/sync';
import { useApi } from '../../../api/client';
import { Field } from '../../../ui/Field';
import { SyncStatusLine } from './SyncStatusLine';

interface Props {
  agendaId: string;
  agendaName: string;
}

/**
 * One agenda's CalDAV account: server, user, password (sent to main, never shown back), the calendar chosen among
 * those the server lists, and the sync's status. Saving the account looks for the calendars at once.
 */
export function AgendaSyncAccount({ agendaId, agendaName }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [view, setView] = useState<AgendaSyncView | null>(null);
  const [form, setForm] = useState({ serverUrl: '', username: '', password: '' });
  const [calendars, setCalendars] = useState<DiscoveredCalendarView[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const load = () => api.caldav.get({ agendaId });
    void load().then((current) => {
      setView(current);
      if (current) setForm({ serverUrl: current.serverUrl, username: current.username, password: '' });
    });
    return api.events.subscribe('caldav:changed', (event) => {
      if (event.agendaId === agendaId) void load().then(setView);
    });
  }, [api, agendaId]);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage({ ok: false, text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  const saveAndDiscover = () =>
    run(async () => {
      const saved = await api.caldav.save({
        agendaId,
        serverUrl: form.serverUrl.trim(),
        username: form.username.trim(),
        enabled: true,
        ...(form.password ? { password: form.password } : {}),
      });
      setView(saved);
      setForm({ ...form, password: '' });
      const found = await api.caldav.discover({ agendaId });
      setCalendars(found);
      setChosen(found.find((c) => c.url === saved.calendarUrl)?.url ?? found[0]?.url ?? '');
      setMessage({ ok: true, text: t('agendaSync.found', { count: found.length }) });
    });

  const chooseCalendar = () =>
    run(async () => {
      const calendar = calendars?.find((c) => c.url === chosen);
      if (!calendar) return;
      setView(
        await api.caldav.chooseCalendar({
          agendaId,
          calendarUrl: calendar.url,
          calendarName: calendar.displayName,
        }),
      );
      setCalendars(null);
      setMessage({ ok: true, text: t('agendaSync.chosen', { name: calendar.displayName }) });
    });

  const syncNow = () => run(async () => void setView(await api.caldav.syncNow({ agendaId })));
  const confirmEmpty = () => run(async () => void setView(await api.caldav.confirmEmpty({ agendaId })));

  return (
    <fieldset className="group agenda-sync-account" aria-label={t('agendaSync.accountOf', { name: agendaName })}>
      <legend>{agendaName}</legend>
      <div className="form-grid">
        <Field label={t('agendaSync.serverUrl')} hint={t('agendaSync.serverUrlHint')}>
          {(p) => (
            <input
              {...p}
              type="url"
              value={form.serverUrl}
              placeholder="https://cloud.exemple.fr/remote.php/dav"
              onChange={(e) => setForm({ ...form, serverUrl: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('agendaSync.username')}>
          {(p) => (
            <input
              {...p}
              autoComplete="username"
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('agendaSync.password')}
          hint={view?.hasPassword ? t('agendaSync.passwordKept') : t('agendaSync.passwordHint')}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || !form.serverUrl.trim() || !form.username.trim()}
          onClick={() => void saveAndDiscover()}
        >
          {t('agendaSync.discover')}
        </button>
        {view?.calendarUrl ? (
          <button type="button" className="button" disabled={busy} onClick={() => void syncNow()}>
            {t('agendaSync.syncNow')}
          </button>
        ) : null}
      </div>
      {calendars && calendars.length > 0 ? (
        <div className="row">
          <Field label={t('agendaSync.calendar')}>
            {(p) => (
              <select {...p} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                {calendars.map((c) => (
                  <option key={c.url} value={c.url}>
                    {c.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void chooseCalendar()}
          >
            {t('agendaSync.useCalendar')}
          </button>
        </div>
      ) : null}
      {view ? <SyncStatusLine view={view} busy={busy} onConfirmEmpty={() => void confirmEmpty()} /> : null}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={`banner ${message.ok ? 'banner--ok' : 'banner--error'}`}>
          {message.text}
        </p>
      ) : null}
    </fieldset>
  );
}
