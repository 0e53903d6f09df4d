import fs from 'node:fs';
import path from 'node:path';
import { openTestContext, tempDir } from '../fixtures/factories';
import { openStore } from '../../main/store/open';

const turn = { urls: 'turns:turn.example.fr:5349', username: 'secretariat', credential: 'turn-s3cret' };
const account = {
  uri: 'sip:alice@permanence.lab',
  servers: ['ws://127.0.0.1:5066'],
  iceServers: [{ urls: 'stun:stun.example.fr:3478' }, turn],
};

function settingsText(db: { prepare(sql: string): { all(): unknown[] } }): string {
  return JSON.stringify(db.prepare('SELECT key, value FROM settings').all());
}

describe('the TURN credential is a secret like the SIP password', () => {
  it('goes to the secret store, never to SQLite nor to the settings screen; only sip.js gets it', async () => {
    const t = openTestContext();
    const view = await t.client.sip.saveAccount({ account, password: 'pw' });
    expect(view.turnCredentials).toEqual([false, true]);
    expect(JSON.stringify(view)).not.toContain('turn-s3cret');
    expect(settingsText(t.db)).not.toContain('turn-s3cret');
    expect(JSON.stringify(await t.client.sip.getAccount({}))).not.toContain('turn-s3cret');
    expect((await t.client.sip.credentials({}))?.account.iceServers[1]).toEqual(turn);
    expect(fs.readFileSync(path.join(t.dataDir, 'dev-secrets.json'), 'utf8')).toContain('turn-s3cret');
    t.close();
  });

  it('keeps it when the form sends the server without it, replaces it, and forgets it on an empty string', async () => {
    const t = openTestContext();
    await t.client.sip.saveAccount({ account });
    const { credential: _hidden, ...withoutCredential } = turn;
    await t.client.sip.saveAccount({ account: { ...account, iceServers: [withoutCredential] } });
    expect((await t.client.sip.credentials({}))?.account.iceServers).toEqual([turn]);
    await t.client.sip.saveAccount({ account: { ...account, iceServers: [{ ...turn, credential: 'nouveau' }] } });
    expect((await t.client.sip.credentials({}))?.account.iceServers[0]?.credential).toBe('nouveau');
    const changes = t.events.filter((e) => e.name === 'sip:accountChanged').map((e) => e.payload);
    expect(changes.at(-1)).toEqual({ lineChanged: true });
    await t.client.sip.saveAccount({ account: { ...account, iceServers: [{ ...turn, credential: '' }] } });
    expect((await t.client.sip.credentials({}))?.account.iceServers).toEqual([withoutCredential]);
    expect((await t.client.sip.getAccount({})).turnCredentials).toEqual([false]);
    expect(fs.readFileSync(path.join(t.dataDir, 'dev-secrets.json'), 'utf8')).not.toContain('turn-s3cret');
    t.close();
  });

  it('moves a credential an older version stored in SQLite out of it at start', async () => {
    const dataDir = tempDir();
    const db = openStore({ dataDir });
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(
      'sip.account',
      JSON.stringify({ ...account, displayName: '' }),
    );
    db.close();
    const t = openTestContext({ dataDir });
    expect(settingsText(t.db)).not.toContain('turn-s3cret');
    expect(settingsText(t.db)).toContain('turns:turn.example.fr:5349');
    expect((await t.client.sip.credentials({}))?.account.iceServers[1]).toEqual(turn);
    expect((await t.client.sip.getAccount({})).turnCredentials).toEqual([false, true]);
    t.close();
  });
});
