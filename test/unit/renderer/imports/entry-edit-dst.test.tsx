// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { EntryEditForm } from '../../../../renderer/features/timesheets/EntryEditForm';
import { createI18n } from '../../../../renderer/i18n';
import type { TimeEntry } from '../../../../shared/domain/timesheet';
import { setupFirm } from '../../main/timesheets/support';

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
});

/** 02:30 summer time (UTC+2) on the night clocks go back in Paris: the first of the two 02:30. */
const FIRST_0230 = Date.UTC(2026, 9, 25, 0, 30);

async function openForm(startedAt: number) {
  const { t, firm } = setupFirm();
  const entry = await t.client.timesheets.create({
    firmId: firm.id,
    taskType: 'admin',
    startedAt,
    durationSeconds: 1200,
    quantity: 1,
    billable: true,
    urgent: false,
    label: 'Préfecture',
    note: '',
  });
  const saved: TimeEntry[] = [];
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={t.client}>
      <I18nextProvider i18n={createI18n('fr')}>
        <EntryEditForm api={t.client} entry={entry} onClose={() => undefined} onSaved={(e) => saved.push(e)} />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  await waitFor(() => expect(screen.getByLabelText('Heure de début')).toHaveValue('02:30:00'));
  return { t, entry, saved, user };
}

describe('editing an entry across daylight-saving changes', () => {
  it('keeps the instant of an unchanged 02:30 that exists twice, and lets her say which one it is', async () => {
    const { t, entry, saved, user } = await openForm(FIRST_0230);
    const choice = screen.getByRole('combobox', { name: '02:30, heure d’été ou d’hiver ?' });
    expect(choice).toHaveDisplayValue('heure d’été (UTC+02:00), la première fois');

    await user.clear(screen.getByLabelText('Durée (hh:mm:ss)'));
    await user.type(screen.getByLabelText('Durée (hh:mm:ss)'), '0:30:00');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await screen.findByText('Saisie enregistrée.');
    expect(saved.at(-1)).toMatchObject({ startedAt: FIRST_0230, durationSeconds: 1800 });

    await user.selectOptions(choice, 'heure d’hiver (UTC+01:00), la seconde fois');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(saved.at(-1)?.startedAt).toBe(FIRST_0230 + 3_600_000));
    expect((await t.client.timesheets.list({ firmId: entry.firmId })).items[0]!.startedAt).toBe(FIRST_0230 + 3_600_000);
    t.close();
  });

  it('asks which 02:30 she means when she types a time that exists twice, and refuses one that does not exist', async () => {
    const { t, entry, saved, user } = await openForm(FIRST_0230 + 3_600_000 * (24 * 7 + 1));
    // A week later, 02:30 is unambiguous: no choice shown.
    expect(screen.queryByRole('combobox', { name: /heure d’été ou d’hiver/ })).toBeNull();

    const date = screen.getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2026-10-25');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '02:30 existe deux fois ce jour-là (passage à l’heure d’hiver) : précisez s’il s’agit de l’heure d’été ou d’hiver.',
    );
    expect(saved).toEqual([]);

    await user.clear(date);
    await user.type(date, '2026-03-29');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        '02:30 n’existe pas ce jour-là dans le fuseau du cabinet (passage à l’heure d’été) : choisissez une autre heure.',
      ),
    );
    expect(saved).toEqual([]);
    expect((await t.client.timesheets.list({ firmId: entry.firmId })).items[0]!.startedAt).toBe(entry.startedAt);
    t.close();
  });
});
