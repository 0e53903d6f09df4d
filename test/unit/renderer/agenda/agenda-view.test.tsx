// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import type { PermanenceClient } from '../../../../shared/api';
import { AgendaView } from '../../../../renderer/features/agenda/AgendaView';
import { createFirmsStore } from '../../../../renderer/features/firms/firms-store';
import type { TestContext } from '../../../fixtures/factories';
import { openPractice, renderWith, ZONE } from './support';

/** The day and week views: keyboard navigation (←/→, T, L, J/S), appointments in the grid, their detail. */
let t: TestContext;
let firmId: string;
afterEach(() => t?.close());

const dayTitle = (ms: number) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: ZONE }).format(ms);

async function openView(api: PermanenceClient = t.client) {
  const firmsStore = createFirmsStore(api);
  await firmsStore.getState().load();
  const rendered = renderWith(
    api,
    <AgendaView api={api} firmsStore={firmsStore} settings={t.services.settings.get()} />,
  );
  const grid = await screen.findByRole('region', { name: /^Rendez-vous :/ });
  act(() => grid.focus());
  return { ...rendered, grid };
}

describe('the agenda views', () => {
  beforeEach(async () => {
    ({ t, firmId } = await openPractice());
  });

  it('walks days with ← →, comes back with T, switches to the week with S and back with J', async () => {
    const { user } = await openView();
    const today = Date.now();
    const title = () => screen.getByRole('heading', { level: 2 });
    expect(title()).toHaveTextContent(dayTitle(today));
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(title()).toHaveTextContent(
      dayTitle(DateTime.fromMillis(today, { zone: ZONE }).plus({ days: 2 }).toMillis()),
    );
    await user.keyboard('{ArrowLeft}');
    expect(title()).toHaveTextContent(
      dayTitle(DateTime.fromMillis(today, { zone: ZONE }).plus({ days: 1 }).toMillis()),
    );
    await user.keyboard('t');
    expect(title()).toHaveTextContent(dayTitle(today));
    await user.keyboard('s');
    const monday = DateTime.fromMillis(today, { zone: ZONE }).startOf('week');
    const short = (d: DateTime) =>
      new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', timeZone: ZONE }).format(
        d.toMillis(),
      );
    expect(title()).toHaveTextContent(`Semaine du ${short(monday)} au ${short(monday.plus({ days: 6 }))}`);
    await user.keyboard('{ArrowRight}');
    expect(title()).toHaveTextContent(`Semaine du ${short(monday.plus({ weeks: 1 }))}`);
    await user.keyboard('j');
    expect(title()).toHaveTextContent(
      dayTitle(DateTime.fromMillis(today, { zone: ZONE }).plus({ weeks: 1 }).toMillis()),
    );
  });

  it('L jumps to the day of the next free slot; the firm’s day shows one column per agenda with its appointments', async () => {
    const [first, second] = await t.client.agenda.findSlots({
      firmId,
      motifId: 'consult',
      agendaIds: ['morel'],
      limit: 2,
    });
    await t.client.agenda.book({
      firmId,
      agendaId: 'morel',
      motifId: 'consult',
      startsAt: first!.startsAt,
      caller: { contactId: null, name: 'Jeanne Petit', phone: '06 12 34 56 78', email: '' },
      note: 'Douleur au genou',
    });
    const { user, grid } = await openView();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}l');
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(dayTitle(second!.startsAt)),
    );
    expect(within(grid).getByRole('region', { name: 'Dr Morel' })).toBeInTheDocument();
    expect(within(grid).getByRole('region', { name: 'Dr Lenoir' })).toBeInTheDocument();
    // Back to today, then → as many days as the booked appointment is ahead.
    const ahead = Math.round(
      DateTime.fromMillis(first!.startsAt, { zone: ZONE })
        .startOf('day')
        .diff(DateTime.now().setZone(ZONE).startOf('day'), 'days').days,
    );
    await user.keyboard('t' + '{ArrowRight}'.repeat(ahead));
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(dayTitle(first!.startsAt));
    const appointment = await within(within(grid).getByRole('region', { name: 'Dr Morel' })).findByRole('button', {
      name: /Jeanne Petit, Consultation, Dr Morel/,
    });
    appointment.focus();
    await user.keyboard('{Enter}');
    const detail = await screen.findByRole('complementary', { name: 'Détail du rendez-vous' });
    expect(detail).toHaveTextContent('Douleur au genou');
    expect(detail).toHaveTextContent('06 12 34 56 78');
    expect(detail).toHaveTextContent('Réservé');
  });

  it('one agenda’s week: seven day columns, the appointment in its day', async () => {
    const [slot] = await t.client.agenda.findSlots({ firmId, motifId: 'vaccin', agendaIds: ['morel'], limit: 1 });
    await t.client.agenda.book({
      firmId,
      agendaId: 'morel',
      motifId: 'vaccin',
      startsAt: slot!.startsAt,
      caller: { contactId: null, name: 'Paul Martin', phone: '', email: '' },
    });
    const { user, grid } = await openView();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agenda' }), 'Dr Morel');
    act(() => grid.focus());
    await user.keyboard('s');
    const day = new Intl.DateTimeFormat('fr-FR', {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: ZONE,
    }).format(slot!.startsAt);
    const columns = await within(grid).findAllByRole('region');
    expect(columns).toHaveLength(7);
    const column = within(grid).getByRole('region', { name: day });
    expect(await within(column).findByRole('button', { name: /Paul Martin, Vaccin, Dr Morel/ })).toBeInTheDocument();
  });

  it('P prints the chosen practitioner’s day sheet: the PDF of the day shown, saved under its name', async () => {
    const [slot] = await t.client.agenda.findSlots({ firmId, motifId: 'consult', agendaIds: ['lenoir'], limit: 1 });
    await t.client.agenda.book({
      firmId,
      agendaId: 'lenoir',
      motifId: 'consult',
      startsAt: slot!.startsAt,
      caller: { contactId: null, name: 'Lucie Bernard', phone: '', email: '' },
    });
    const saved: Array<{ name: string; href: string }> = [];
    const createObjectURL = vi.fn((blob: Blob) => `blob:sheet-${blob.size}`);
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.href });
    });
    // pdfkit cannot load its fonts under jsdom (another realm's Uint8Array): the PDF itself is tested in Node
    // (test/unit/main/agenda/day-sheet.test.ts); here, what the view asks for and what it saves.
    const asked: Array<{ firmId: string; agendaId: string; date: string }> = [];
    const pdf = Buffer.from('%PDF-1.7 day sheet').toString('base64');
    const api = {
      ...t.client,
      agenda: {
        ...t.client.agenda,
        daySheet: async (input: { firmId: string; agendaId: string; date: string }) => {
          asked.push(input);
          return { fileName: `feuille-du-jour-dr-lenoir-${input.date}.pdf`, base64: pdf, count: 1 };
        },
      },
    } as PermanenceClient;
    const { user, grid } = await openView(api);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agenda' }), 'Dr Lenoir');
    act(() => grid.focus());
    const ahead = Math.round(
      DateTime.fromMillis(slot!.startsAt, { zone: ZONE })
        .startOf('day')
        .diff(DateTime.now().setZone(ZONE).startOf('day'), 'days').days,
    );
    await user.keyboard('{ArrowRight}'.repeat(ahead) + 'p');
    await waitFor(() => expect(saved).toHaveLength(1));
    const date = DateTime.fromMillis(slot!.startsAt, { zone: ZONE }).toISODate();
    expect(asked).toEqual([{ firmId, agendaId: 'lenoir', date }]);
    expect(saved[0]!.name).toBe(`feuille-du-jour-dr-lenoir-${date}.pdf`);
    const blob = createObjectURL.mock.calls[0]![0];
    expect(blob.type).toBe('application/pdf');
    expect(blob.size).toBe(Buffer.from(pdf, 'base64').length);
    click.mockRestore();
  });
});
