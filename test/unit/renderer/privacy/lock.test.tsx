// @vitest-environment jsdom
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import crypto from 'node:crypto';
import { I18nextProvider } from 'react-i18next';
import { ApiContext } from '../../../../renderer/api/client';
import { withTranslatedErrors } from '../../../../renderer/api/translated-errors';
import { createFirmsStore } from '../../../../renderer/features/firms/firms-store';
import { LockGate } from '../../../../renderer/features/privacy/lock/LockGate';
import { LockSection } from '../../../../renderer/features/privacy/lock/LockSection';
import { createI18n } from '../../../../renderer/i18n';
import { createPhone } from '../../../../renderer/phone';
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import { makeFirmDraft, openTestContext, parsedDraft, type TestContext } from '../../../fixtures/factories';
import { FakeUserAgent, forwardedInvite, recordingRinger } from '../phone/fakes';

const account = sipAccountSchema.parse({ uri: 'sip:alice@permanence.lab', servers: ['ws://127.0.0.1:5066'] });
const PASSPHRASE = 'une longue phrase de passe';

let t: TestContext;
afterEach(() => t?.close());

/** A workspace with a firm, a contact and a message: what must vanish from the DOM when locked. */
async function setup() {
  t = openTestContext({ storeKey: crypto.randomBytes(32) });
  t.services.settings.update({ workspaceInitialisedAt: Date.UTC(2026, 0, 1), secretaryName: 'Julie' });
  const firm = t.services.firms.save({
    draft: parsedDraft(
      makeFirmDraft(
        {
          name: 'Cabinet Martin',
          greeting: 'Cabinet Martin, bonjour, que puis-je pour vous ?',
          numbers: [{ e164: '01 42 00 00 01', label: 'standard' }],
        },
        { consignes: { body: 'Ne jamais donner le portable de Maître Martin.', rules: {} } },
      ),
    ),
  });
  await t.client.contacts.save({ firmId: firm.id, contact: { name: 'Mme Fidèle', phones: ['06 39 98 00 01'] } });
  await t.services.lock.setPassphrase(null, PASSPHRASE);
  const i18n = createI18n('fr');
  const api = withTranslatedErrors(t.client, i18n);
  const ua = new FakeUserAgent();
  const phone = createPhone({ account, password: 'pw' }, { api, ringer: recordingRinger(), createUserAgent: () => ua });
  phone.setDirectory(t.services.firms.directory());
  await ua.start();
  const firmsStore = createFirmsStore(api);
  await firmsStore.getState().load();
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <LockGate
          api={api}
          firmsStore={firmsStore}
          settings={t.services.settings.get()}
          initial={t.services.lock.status()}
          phone={phone}
        />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  return { user, ua, phone, firm };
}

describe('app lock in the console', () => {
  it('Ctrl+Maj+L unmounts everything: no firm, caller or consigne left in the DOM; the passphrase brings it back', async () => {
    const { user } = await setup();
    await screen.findAllByText('Cabinet Martin');
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    await screen.findByRole('heading', { name: 'Permanence est verrouillé' });
    expect(t.services.lock.isLocked()).toBe(true);
    const text = document.body.textContent ?? '';
    for (const secret of ['Cabinet Martin', 'Fidèle', 'portable', 'Julie']) expect(text).not.toContain(secret);

    const field = screen.getByLabelText('Mot de passe');
    expect(field).toHaveFocus();
    await user.type(field, 'pas la bonne{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Mot de passe ou clé incorrect.');
    expect(t.services.lock.isLocked()).toBe(true);
    await user.clear(field);
    await user.type(field, `${PASSPHRASE}{Enter}`);
    await screen.findAllByText('Cabinet Martin');
    expect(screen.queryByRole('heading', { name: 'Permanence est verrouillé' })).toBeNull();
    expect(t.services.lock.isLocked()).toBe(false);
  });

  it('a call that rings while locked shows the firm, its greeting and the caller, and F9 answers it', async () => {
    const { user, ua } = await setup();
    await screen.findAllByText('Cabinet Martin');
    await user.keyboard('{Control>}{Shift>}L{/Shift}{/Control}');
    await screen.findByRole('heading', { name: 'Permanence est verrouillé' });
    const session = await act(async () => ua.ring(forwardedInvite('+33142000001', '+33639980001')));
    const card = await screen.findByRole('article', { name: 'Appel pour Cabinet Martin' });
    expect(within(card).getByTestId('greeting')).toHaveTextContent('Cabinet Martin, bonjour, que puis-je pour vous ?');
    expect(card).toHaveTextContent('06 39 98 00 01');
    await within(card).findByText('Mme Fidèle'); // who is calling, from the firm's contacts
    // Nothing else: no consignes, no history, no messages.
    expect(document.body.textContent).not.toContain('portable');
    expect(within(card).queryByRole('list')).toBeNull();

    await user.keyboard('{F9}');
    await waitFor(() => expect(session.actions).toContain('accept'));
    expect(await within(card).findByText('Déverrouillez pour prendre le message.')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Permanence est verrouillé' })).toBeVisible();
  });

  it('unlocks with the recovery code too', async () => {
    t = openTestContext({ storeKey: crypto.randomBytes(32) });
    const { recoveryCode } = await t.services.lock.setPassphrase(null, PASSPHRASE);
    t.services.lock.lock('shortcut');
    const { user } = await renderGateOnly();
    await user.click(await screen.findByRole('button', { name: 'Utiliser la clé de secours' }));
    await user.type(screen.getByLabelText('Clé de secours'), `${recoveryCode!.toLowerCase()}{Enter}`);
    await waitFor(() => expect(t.services.lock.isLocked()).toBe(false));
  });
});

async function renderGateOnly() {
  const i18n = createI18n('fr');
  const api = withTranslatedErrors(t.client, i18n);
  const ua = new FakeUserAgent();
  const phone = createPhone({ account, password: 'pw' }, { api, ringer: recordingRinger(), createUserAgent: () => ua });
  const user = userEvent.setup();
  render(
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <LockGate
          api={api}
          firmsStore={createFirmsStore(api)}
          settings={t.services.settings.get()}
          initial={t.services.lock.status()}
          phone={phone}
        />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  return { user };
}

describe('Réglages › Verrouillage', () => {
  function renderSection() {
    const i18n = createI18n('fr');
    const user = userEvent.setup();
    render(
      <ApiContext.Provider value={withTranslatedErrors(t.client, i18n)}>
        <I18nextProvider i18n={i18n}>
          <LockSection />
        </I18nextProvider>
      </ApiContext.Provider>,
    );
    return user;
  }

  it('turning the lock on without a passphrase asks for one, then shows the recovery code once', async () => {
    t = openTestContext({ storeKey: crypto.randomBytes(32) });
    const user = renderSection();
    const section = await screen.findByRole('group', { name: 'Verrouillage' });
    const toggle = within(section).getByRole('checkbox', { name: 'Verrouiller Permanence' });
    expect(toggle).not.toBeChecked();
    await user.click(toggle);
    const form = await within(section).findByRole('form', { name: 'Mot de passe de déverrouillage' });
    await user.type(within(form).getByLabelText('Nouveau mot de passe'), 'court');
    await user.type(within(form).getByLabelText('Confirmer le mot de passe'), 'court');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer le mot de passe' }));
    expect(await within(form).findByText('Le mot de passe doit compter au moins 8 caractères.')).toBeVisible();
    await user.clear(within(form).getByLabelText('Nouveau mot de passe'));
    await user.clear(within(form).getByLabelText('Confirmer le mot de passe'));
    await user.type(within(form).getByLabelText('Nouveau mot de passe'), PASSPHRASE);
    await user.type(within(form).getByLabelText('Confirmer le mot de passe'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Enregistrer le mot de passe' }));

    const code = await within(section).findByLabelText('Clé de secours');
    expect(code.textContent).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    await waitFor(() => expect(toggle).toBeChecked());
    expect(t.services.lock.status()).toMatchObject({ enabled: true, hasPassphrase: true, idleMinutes: 5 });
    const proceed = within(section).getByRole('button', { name: 'Continuer' });
    expect(proceed).toBeDisabled();
    await user.click(within(section).getByRole('checkbox', { name: 'J’ai noté la clé de secours en lieu sûr' }));
    await user.click(proceed);
    expect(within(section).queryByLabelText('Clé de secours')).toBeNull();
  });

  it('keeps the idle time she picks (1 to 15 minutes) and changes the passphrase with the current one', async () => {
    t = openTestContext({ storeKey: crypto.randomBytes(32) });
    await t.services.lock.setPassphrase(null, PASSPHRASE);
    const user = renderSection();
    const section = await screen.findByRole('group', { name: 'Verrouillage' });
    const idle = within(section).getByLabelText('Après une inactivité de');
    expect(
      within(idle)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toHaveLength(15);
    await user.selectOptions(idle, '12 minutes');
    await waitFor(() => expect(t.services.lock.status().idleMinutes).toBe(12));

    const form = within(section).getByRole('form', { name: 'Mot de passe de déverrouillage' });
    await user.type(within(form).getByLabelText('Mot de passe actuel'), 'pas le bon');
    await user.type(within(form).getByLabelText('Nouveau mot de passe'), 'nouvelle phrase longue');
    await user.type(within(form).getByLabelText('Confirmer le mot de passe'), 'nouvelle phrase longue');
    await user.click(within(form).getByRole('button', { name: 'Changer le mot de passe' }));
    expect(await within(form).findByText('Mot de passe ou clé incorrect.')).toBeVisible();
    // What she typed stays after a refusal: only the current passphrase is typed again.
    expect(within(form).getByLabelText('Nouveau mot de passe')).toHaveValue('nouvelle phrase longue');
    await user.clear(within(form).getByLabelText('Mot de passe actuel'));
    await user.type(within(form).getByLabelText('Mot de passe actuel'), PASSPHRASE);
    await user.click(within(form).getByRole('button', { name: 'Changer le mot de passe' }));
    expect(await within(form).findByText('Mot de passe enregistré')).toBeVisible();
    t.services.lock.lock('shortcut');
    expect((await t.services.lock.unlock('passphrase', 'nouvelle phrase longue')).state).toBe('unlocked');

    // A new recovery code after the passphrase, shown once; it unlocks.
    const renew = within(section).getByRole('form', { name: 'Nouvelle clé de secours' });
    await user.type(within(renew).getByLabelText('Mot de passe actuel'), 'nouvelle phrase longue');
    await user.click(within(renew).getByRole('button', { name: 'Créer une nouvelle clé de secours' }));
    const code = (await within(section).findByLabelText('Clé de secours')).textContent!;
    t.services.lock.lock('shortcut');
    expect((await t.services.lock.unlock('recovery', code)).state).toBe('unlocked');
  });
});
