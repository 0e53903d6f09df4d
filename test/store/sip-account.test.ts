import fs from 'node:fs';
import path from 'node:path';
import { accountFromEnv } from '../../main/services/sip-account';
import { makeFirmDraft, openTestContext, parsedDraft } from '../fixtures/factories';

const account = { uri: 'sip:alice@permanence.lab', servers: ['ws://127.0.0.1:5066'] };

describe('SIP account', () => {
  it('keeps the password in the secret store, never in SQLite, and gives it only through sip:credentials', async () => {
    const t = openTestContext();
    const view = await t.client.sip.saveAccount({ account, password: 'très-secret' });
    expect(view).toMatchObject({ hasPassword: true, source: 'settings', protection: 'dev-plaintext-file' });
    const rows = t.db.prepare('SELECT value FROM settings').all() as Array<{ value: string }>;
    expect(rows.map((r) => r.value).join('\n')).not.toContain('très-secret');
    expect(JSON.stringify(await t.client.sip.getAccount({}))).not.toContain('très-secret');
    expect(await t.client.sip.credentials({})).toMatchObject({
      account: { uri: account.uri, expires: 300 },
      password: 'très-secret',
    });
    expect(fs.existsSync(path.join(t.dataDir, 'dev-secrets.json'))).toBe(true);
    expect(t.events.map((e) => e.name)).toContain('sip:accountChanged');
    t.close();
  });

  it('tells the softphone whether the line changed or only the audio devices', async () => {
    const t = openTestContext();
    await t.client.sip.saveAccount({ account, password: 'pw' });
    const saved = (await t.client.sip.getAccount({})).account!;
    await t.client.sip.saveAccount({ account: { ...saved, audio: { ...saved.audio, inputId: 'mic-2' } } });
    await t.client.sip.saveAccount({
      account: { ...saved, audio: { ...saved.audio, inputId: 'mic-2' }, expires: 120 },
    });
    await t.client.sip.saveAccount({
      account: { ...saved, expires: 120, audio: { ...saved.audio, inputId: 'mic-2' } },
      password: 'pw2',
    });
    const changes = t.events.filter((e) => e.name === 'sip:accountChanged').map((e) => e.payload);
    expect(changes).toEqual([
      { lineChanged: true },
      { lineChanged: false },
      { lineChanged: true },
      { lineChanged: true },
    ]);
    t.close();
  });

  it('keeps the stored password when the form leaves it empty, forgets it on an empty string', async () => {
    const t = openTestContext();
    await t.client.sip.saveAccount({ account, password: 'pw1' });
    await t.client.sip.saveAccount({ account: { ...account, expires: 120 } });
    expect((await t.client.sip.credentials({}))!.password).toBe('pw1');
    await t.client.sip.saveAccount({ account, password: '' });
    expect((await t.client.sip.getAccount({})).hasPassword).toBe(false);
    t.close();
  });

  it('refuses a server that is not a WebSocket URL', async () => {
    const t = openTestContext();
    await expect(
      t.client.sip.saveAccount({ account: { ...account, servers: ['udp://pbx:5060'] } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    t.close();
  });

  it('reads PERMANENCE_SIP_* variables', () => {
    const env = accountFromEnv({
      PERMANENCE_SIP_URI: 'sip:alice@permanence.lab',
      PERMANENCE_SIP_WS: 'ws://127.0.0.1:5066, wss://backup.example:443',
      PERMANENCE_SIP_PASSWORD: 'pw',
      PERMANENCE_SIP_ICE_SERVERS: 'stun:stun.example.org',
      PERMANENCE_SIP_EXPIRES: '120',
      PERMANENCE_SIP_DTMF: 'info',
    });
    expect(env).toMatchObject({
      password: 'pw',
      account: {
        servers: ['ws://127.0.0.1:5066', 'wss://backup.example:443'],
        iceServers: [{ urls: 'stun:stun.example.org' }],
        expires: 120,
        dtmfMode: 'info',
      },
    });
    expect(accountFromEnv({})).toBeNull();
  });

  it('stores a per-firm caller-ID setting', async () => {
    const t = openTestContext();
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
    await t.client.sip.setCallerId({
      firmId: firm.id,
      callerId: { mode: 'p-asserted-identity', number: '0199000001' },
    });
    expect(await t.client.sip.callerIds({})).toEqual({
      [firm.id]: { mode: 'p-asserted-identity', number: '0199000001' },
    });
    t.close();
  });

  it('passes a ringing call and the line state to the platform hooks', async () => {
    const t = openTestContext();
    await t.client.shell.incomingCall({ firmName: 'Cabinet Test', callerLabel: '06 39 98 00 01' });
    await t.client.shell.lineStatus({ state: 'down' });
    expect((t.services.platform as unknown as { events: unknown[] }).events).toEqual([
      { hook: 'notifyIncomingCall', firmName: 'Cabinet Test', callerLabel: '06 39 98 00 01' },
      { hook: 'bringToFront' },
      { hook: 'setTrayStatus', lineState: 'down' },
    ]);
    t.close();
  });
});
