// @vitest-environment jsdom
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { buildClient, PermanenceError } from '../../../../shared/api';
import type { LockStatus } from '../../../../shared/domain/lock';
import { ApiContext } from '../../../../renderer/api/client';
import { withTranslatedErrors } from '../../../../renderer/api/translated-errors';
import { StartupUnlock } from '../../../../renderer/features/privacy/lock/StartupUnlock';
import { createI18n } from '../../../../renderer/i18n';
import type { Keychain } from '../../../../main/services/privacy/keys/keychain';
import { createKeySlots } from '../../../../main/services/privacy/keys/slots';
import { createStartupGate } from '../../../../main/services/privacy/lock/startup-gate';

const basicText: Keychain = { status: () => 'basic-text', seal: () => Buffer.alloc(0), open: () => '' };
const UNLOCKED: LockStatus = {
  state: 'unlocked',
  enabled: true,
  idleMinutes: 5,
  hasPassphrase: true,
  needsSetup: false,
  retryAt: null,
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-startup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The start-up screen over main's real start-up gate (Linux without a keyring), the store opening faked. */
async function renderSealed() {
  const keys = createKeySlots({
    dataDir: dir,
    keychain: basicText,
    kdf: { memoryKiB: 64, iterations: 1, parallelism: 1 },
  });
  const opened: Buffer[] = [];
  const gate = createStartupGate({
    keys,
    open: async (key) => {
      opened.push(key);
      return { status: () => UNLOCKED, audit: { record: () => undefined } };
    },
  });
  const transport = buildClient(
    async (name, input) => {
      const envelope = await gate.dispatch(name, input);
      if (envelope.ok) return envelope.value;
      const { code, message, issues, text } = envelope.error;
      throw new PermanenceError(code, message, issues, text);
    },
    () => () => undefined,
  );
  const i18n = createI18n('fr');
  const api = withTranslatedErrors(transport, i18n);
  const status = await api.lock.status({});
  const onOpened = vi.fn();
  const user = userEvent.setup();
  const view = render(
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <StartupUnlock status={status} onOpened={onOpened} />
      </I18nextProvider>
    </ApiContext.Provider>,
  );
  return { user, onOpened, opened, view };
}

describe('start-up screen without a keychain', () => {
  it('at the first start she chooses a passphrase, notes the recovery code, and the store opens', async () => {
    const { user, onOpened, opened, view } = await renderSealed();
    await screen.findByRole('heading', { name: 'Protéger vos données' });
    await user.type(screen.getByLabelText('Nouveau mot de passe'), 'une phrase de passe');
    await user.type(screen.getByLabelText('Confirmer le mot de passe'), 'une phrase de pase');
    await user.click(screen.getByRole('button', { name: 'Créer la clé' }));
    expect(await screen.findByText('Les deux mots de passe ne sont pas identiques.')).toBeVisible();
    await user.clear(screen.getByLabelText('Confirmer le mot de passe'));
    await user.type(screen.getByLabelText('Confirmer le mot de passe'), 'une phrase de passe');
    await user.click(screen.getByRole('button', { name: 'Créer la clé' }));
    const code = await screen.findByLabelText('Clé de secours');
    expect(code.textContent).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    expect(opened).toHaveLength(1);
    await user.click(screen.getByRole('checkbox', { name: 'J’ai noté la clé de secours en lieu sûr' }));
    await user.click(screen.getByRole('button', { name: 'Continuer' }));
    await waitFor(() => expect(onOpened).toHaveBeenCalledWith(UNLOCKED));
    view.unmount();

    // The next start asks the passphrase; a wrong one says so and opens nothing.
    const next = await renderSealed();
    await screen.findByRole('heading', { name: 'Ouvrir vos données' });
    const field = screen.getByLabelText('Mot de passe');
    await next.user.type(field, 'pas la bonne{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Mot de passe ou clé incorrect.');
    expect(next.opened).toHaveLength(0);
    await next.user.clear(field);
    await next.user.type(field, 'une phrase de passe{Enter}');
    await waitFor(() => expect(next.onOpened).toHaveBeenCalledWith(UNLOCKED));
    expect(next.opened[0]!.equals(opened[0]!)).toBe(true);
  });
});
