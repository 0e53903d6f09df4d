import { buildClient, METHOD_NAMES, PermanenceError } from '../../../shared/api';
import { diskFullPayload } from '../../../main/api/disk-full';
import { withTranslatedErrors } from '../../../renderer/api/translated-errors';
import { createI18n } from '../../../renderer/i18n';

/** A client whose every call fails with the payload main would send for that method. */
function failingClient(payload: (method: string) => ReturnType<typeof diskFullPayload>) {
  return buildClient(
    async (name) => {
      const error = payload(name);
      throw new PermanenceError(error.code, error.message, error.issues, error.text);
    },
    () => () => undefined,
  );
}

describe('errors with an i18n key reach the screen in the user’s language', () => {
  it('says « Disque plein » in French exactly as main does, and "Disk full" in English', async () => {
    const fr = withTranslatedErrors(failingClient(diskFullPayload), createI18n('fr'));
    await expect(fr.messages.saveDraft({} as never)).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: diskFullPayload('messages:saveDraft').message,
    });
    const en = withTranslatedErrors(failingClient(diskFullPayload), createI18n('en'));
    await expect(en.firms.save({} as never)).rejects.toMatchObject({
      code: 'DISK_FULL',
      message:
        'Disk full: the firm could not be saved. Free some disk space and try again; what you typed is still on screen.',
    });
  });

  it('has the French and English words for what failed, for every method of the contract', () => {
    for (const language of ['fr', 'en'] as const) {
      const i18n = createI18n(language);
      for (const method of METHOD_NAMES) {
        const { domain } = diskFullPayload(method).text!.values!;
        expect({ method, known: i18n.exists(`errors.what.${domain}`) }).toEqual({ method, known: true });
        expect(i18n.t('errors.DISK_FULL', { domain })).not.toMatch(/\$t\(|errors\./);
      }
    }
  });

  it('leaves errors without a key as main wrote them', async () => {
    const api = withTranslatedErrors(
      failingClient(() => ({ code: 'NOT_FOUND', message: 'Cabinet inconnu.' })),
      createI18n('en'),
    );
    await expect(api.firms.get({ id: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Cabinet inconnu.' });
  });
});
