import { openTestContext } from '../../fixtures/factories';

describe('settings', () => {
  it('changes only the keys a patch names (switching language keeps the workspace initialised)', async () => {
    const t = openTestContext();
    await t.client.workspace.initialise({ kind: 'empty' });
    await t.client.settings.update({ secretaryName: 'Sophie' });
    const after = await t.client.settings.update({ locale: 'en' });
    expect(after.locale).toBe('en');
    expect(after.secretaryName).toBe('Sophie');
    expect(after.workspaceInitialisedAt).not.toBeNull();
    t.close();
  });

  it('starts in French with the first-run choice still to make', async () => {
    const t = openTestContext();
    expect(await t.client.settings.get({})).toMatchObject({
      locale: 'fr',
      secretaryName: '',
      workspaceInitialisedAt: null,
    });
    t.close();
  });

  it('tells every window when settings change', async () => {
    const t = openTestContext();
    const seen: unknown[] = [];
    t.client.events.subscribe('settings:changed', (s) => seen.push(s.locale));
    await t.client.settings.update({ locale: 'en' });
    expect(seen).toEqual(['en']);
    t.close();
  });

  it('stores the legal identity printed on the relevé and refuses a malformed SIREN', async () => {
    const t = openTestContext();
    const saved = await t.client.settings.update({
      legalName: 'Sophie Lambert',
      siren: '123 456 789',
      vatMode: 'franchise',
    });
    expect(saved).toMatchObject({ legalName: 'Sophie Lambert', siren: '123 456 789', vatMode: 'franchise' });
    await expect(t.client.settings.update({ siren: '12345' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await t.client.settings.get({})).siren).toBe('123 456 789');
    t.close();
  });
});
