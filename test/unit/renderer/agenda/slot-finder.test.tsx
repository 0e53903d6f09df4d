// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { CallDesk } from '../../../../renderer/features/call-desk/CallDesk';
import { SlotFinder } from '../../../../renderer/features/agenda/SlotFinder';
import type { TestContext } from '../../../fixtures/factories';
import { openPractice, renderWith } from './support';

/** The slot finder in the call desk: opened by its shortcut or the script's step, booked with the keyboard only. */
let t: TestContext;
let firmId: string;
afterEach(() => t?.close());

async function appointments() {
  return (await t.client.agenda.list({ firmId, agendaId: null, from: Date.now() - 86_400_000, days: 42 })).appointments;
}

describe('the slot finder', () => {
  beforeEach(async () => {
    ({ t, firmId } = await openPractice());
  });

  it('books the chosen slot with ↓ ↓ Entrée, keyboard only, for the caller typed in the finder', async () => {
    const done = vi.fn();
    const { user } = renderWith(
      t.client,
      <SlotFinder
        firmId={firmId}
        caller={{ contactId: null, name: '', phone: '', email: '' }}
        onDone={done}
        onClose={() => undefined}
      />,
    );
    const motif = await screen.findByRole('combobox', { name: 'Motif' });
    await waitFor(() => expect(motif).toHaveFocus());
    const list = await screen.findByRole('listbox', { name: 'Prochains créneaux libres' });
    const options = within(list).getAllByRole('option');
    expect(options).toHaveLength(10);
    expect(screen.getByRole('note')).toHaveTextContent('À dire à l’appelant : Apportez votre carte Vitale.');
    // Motif, agenda, moment, date, then the list.
    await user.tab();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(list).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(within(list).getAllByRole('option')[2]).toHaveAttribute('aria-selected', 'true');
    const third = within(list).getAllByRole('option')[2]!.textContent;
    // No name yet: Entrée says so and puts her in the name box; Entrée there books the chosen slot.
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Indiquez le nom de l’appelant avant de réserver.');
    expect(screen.getByRole('textbox', { name: 'Nom' })).toHaveFocus();
    await user.keyboard('Jeanne Petit{Enter}');
    await waitFor(() => expect(done).toHaveBeenCalledTimes(1));
    const [{ appointment, change }] = done.mock.calls[0]!;
    expect(change).toBe('booked');
    expect(appointment.callerName).toBe('Jeanne Petit');
    expect(appointment.motifId).toBe('consult');
    const stored = await appointments();
    expect(stored.map((a) => a.id)).toEqual([appointment.id]);
    expect(third).toContain(
      new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(
        appointment.startsAt,
      ),
    );
  });

  it('filters: one agenda, the afternoon only', async () => {
    const { user } = renderWith(
      t.client,
      <SlotFinder
        firmId={firmId}
        caller={{ contactId: null, name: 'Paul', phone: '', email: '' }}
        onDone={() => undefined}
        onClose={() => undefined}
      />,
    );
    await screen.findByRole('listbox', { name: 'Prochains créneaux libres' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agenda' }), 'Dr Lenoir');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Moment' }), 'Après-midi');
    await waitFor(() => {
      const options = within(screen.getByRole('listbox')).getAllByRole('option');
      expect(options.length).toBeGreaterThan(0);
      for (const option of options) {
        expect(option).toHaveTextContent('Dr Lenoir');
        const hour = Number(/(\d{2}):\d{2}/.exec(option.textContent ?? '')![1]);
        expect(hour).toBeGreaterThanOrEqual(14);
      }
    });
  });

  it('Échap closes it without booking', async () => {
    const close = vi.fn();
    const { user } = renderWith(
      t.client,
      <SlotFinder
        firmId={firmId}
        caller={{ contactId: null, name: 'Paul', phone: '', email: '' }}
        onDone={() => undefined}
        onClose={close}
      />,
    );
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(close).toHaveBeenCalled();
    expect(await appointments()).toHaveLength(0);
  });
});

describe('the slot finder in the call desk', () => {
  it('Alt+R opens it, Entrée books the first slot, the appointment goes into the message, the confirmation is queued', async () => {
    ({ t, firmId } = await openPractice());
    const { user } = renderWith(t.client, <CallDesk firmId={firmId} onClose={() => undefined} />);
    const name = await screen.findByRole('textbox', { name: 'Nom de l’appelant' });
    await user.click(name);
    await user.keyboard('Jeanne Petit');
    await user.click(screen.getByRole('textbox', { name: 'E-mail' }));
    await user.keyboard('jeanne@client.test');
    await user.keyboard('{Alt>}r{/Alt}');
    const finder = await screen.findByRole('region', { name: 'Prendre rendez-vous' });
    await within(finder).findAllByRole('option');
    await waitFor(() => expect(within(finder).getByRole('combobox', { name: 'Motif' })).toHaveFocus());
    expect(within(finder).getByRole('textbox', { name: 'Nom' })).toHaveValue('Jeanne Petit');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Prendre rendez-vous' })).toBeNull());
    const [booked] = await appointments();
    expect(booked).toBeDefined();
    const body = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    expect(body.value).toMatch(/^RDV pris : Consultation avec Dr (Morel|Lenoir), .+ à \d{2}:\d{2}\.$/);
    expect(screen.getByRole('textbox', { name: 'Motif' })).toHaveValue('Rendez-vous');
    // Back in the desk, on the message that now says it (Échap there would close the desk, not the page).
    expect(body).toHaveFocus();
    const jobs = t.db
      .prepare<[], { header: string }>(
        "SELECT message_id_header AS header FROM outbox WHERE message_id_header LIKE '<rdv-%'",
      )
      .all();
    expect(jobs.map((j) => j.header)).toEqual([expect.stringMatching(`^<rdv-confirmation-0-${booked!.id}@`)]);
  });

  it('the script’s « Prendre rendez-vous » step offers the finder, and the script goes on once booked', async () => {
    ({ t, firmId } = await openPractice({ script: true }));
    const { user } = renderWith(t.client, <CallDesk firmId={firmId} onClose={() => undefined} />);
    const runner = await screen.findByRole('region', { name: 'Script' });
    await user.keyboard('{Alt>}{ArrowRight}{/Alt}');
    await user.keyboard('Jeanne Petit{Enter}');
    await within(runner).findByText('Je vous propose un rendez-vous.');
    const open = within(runner).getByRole('button', { name: 'Prendre rendez-vous' });
    await waitFor(() => expect(open).toHaveFocus());
    await user.keyboard('{Enter}');
    const finder = await screen.findByRole('region', { name: 'Prendre rendez-vous' });
    await within(finder).findAllByRole('option');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Prendre rendez-vous' })).toBeNull());
    expect(await appointments()).toHaveLength(1);
    await within(runner).findByText('Récapitulatif');
  });
});
