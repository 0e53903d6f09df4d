import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../main/cli';
import { sourceRoot } from '../../main/platform/paths';
import { tempDir } from '../fixtures/factories';

const demo = path.join(sourceRoot(), 'assets', 'demo-workspace.json');

describe('command line: backups and audit', () => {
  it('backs up, lists, verifies, restores (after a snapshot) and verifies the audit chain', async () => {
    const env = { PERMANENCE_DATA_DIR: tempDir() };
    expect((await runCli(['workspace', 'import', demo], env)).exitCode).toBe(0);

    const made = await runCli(['backup', 'now'], env);
    expect(made).toMatchObject({ exitCode: 0, stderr: '' });
    const name = /Sauvegarde vérifiée : (permanence-\d{8}-\d{6}\.sqlite3)/.exec(made.stdout)![1]!;

    const list = await runCli(['backup', 'list'], env);
    expect(list.stdout).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}  .+  manuelle, vérifiée$`, 'm'));

    const verified = await runCli(['backup', 'verify', name], env);
    expect(verified).toMatchObject({ exitCode: 0 });
    expect(verified.stdout).toBe(
      `Sauvegarde intacte : ${name} (empreinte SHA-256, intégrité, index de recherche et nombres de lignes vérifiés).\n`,
    );

    // Something changes after the backup; the restore takes it back and keeps a snapshot of it.
    const out = path.join(tempDir(), 'w.json');
    await runCli(['workspace', 'export', out], env);
    const workspace = JSON.parse(fs.readFileSync(out, 'utf8'));
    const [first] = workspace.firms;
    first.id = crypto.randomUUID();
    first.firm.profile.name = 'Cabinet ajouté après la sauvegarde';
    first.firm.profile.numbers = [];
    first.contacts = [];
    workspace.firms = [first];
    fs.writeFileSync(out, JSON.stringify(workspace));
    const changed = await runCli(['workspace', 'import', out], env);
    expect(changed.stderr).toBe('');
    expect(changed.stdout).toContain('1 cabinet(s) créé(s)');

    const restored = await runCli(['backup', 'restore', name], env);
    expect(restored).toMatchObject({ exitCode: 0, stderr: '' });
    expect(restored.stdout).toMatch(
      /^Sauvegarde restaurée : permanence-\d{8}-\d{6}\.sqlite3\.\nLa base remplacée est sauvegardée dans permanence-\d{8}-\d{6}(-\d+)?-avant-restauration\.sqlite3\.\n/,
    );
    expect(restored.stdout).toContain('Aucun effacement postérieur à cette sauvegarde à réappliquer.');
    const after = path.join(tempDir(), 'after.json');
    await runCli(['workspace', 'export', after], env);
    expect(JSON.parse(fs.readFileSync(after, 'utf8')).firms).toHaveLength(5);

    expect(await runCli(['audit', 'verify'], env)).toEqual({
      exitCode: 0,
      // The restore, the erasures re-applied (none), then the workspace export read after it (the backup itself
      // carried no entry yet).
      stdout: 'Journal d’audit : chaîne intacte (3 entrées).\n',
      stderr: '',
    });
  });

  it('refuses to restore or verify a tampered backup, exit 1 and a French reason, nothing changed', async () => {
    const env = { PERMANENCE_DATA_DIR: tempDir() };
    await runCli(['workspace', 'import', demo], env);
    const name = /(permanence-\d{8}-\d{6}\.sqlite3)/.exec((await runCli(['backup', 'now'], env)).stdout)![1]!;
    const file = path.join(env.PERMANENCE_DATA_DIR, 'backups', name);
    const bytes = fs.readFileSync(file);
    bytes[2000] = bytes[2000]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const store = fs.readFileSync(path.join(env.PERMANENCE_DATA_DIR, 'permanence.sqlite3'));

    const verify = await runCli(['backup', 'verify', name], env);
    expect(verify).toMatchObject({ exitCode: 1, stdout: '' });
    expect(verify.stderr).toContain('empreinte SHA-256 différente de celle du manifeste (fichier altéré)');
    const restore = await runCli(['backup', 'restore', file], env);
    expect(restore).toMatchObject({ exitCode: 1, stdout: '' });
    expect(restore.stderr).toBe(
      `Sauvegarde refusée, rien n’a été modifié : ${name} (empreinte SHA-256 différente de celle du manifeste (fichier altéré)).\n`,
    );
    expect(fs.readFileSync(path.join(env.PERMANENCE_DATA_DIR, 'permanence.sqlite3')).equals(store)).toBe(true);
  });
});

describe('command line: audit verify on a tampered log', () => {
  it('names the first broken link and exits 1', async () => {
    const env = { PERMANENCE_DATA_DIR: tempDir() };
    await runCli(['workspace', 'import', demo], env);
    for (let i = 0; i < 3; i += 1) expect((await runCli(['backup', 'now'], env)).exitCode).toBe(0);
    expect((await runCli(['audit', 'verify'], env)).stdout).toBe('Journal d’audit : chaîne intacte (3 entrées).\n');
    const raw = new Database(path.join(env.PERMANENCE_DATA_DIR, 'permanence.sqlite3'));
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET subject = 'autre.sqlite3' WHERE seq = 2").run();
    raw.close();
    expect(await runCli(['audit', 'verify'], env)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'Journal d’audit : chaîne rompue à l’entrée n° 2 (contenu modifié).\n',
    });
  });
});
