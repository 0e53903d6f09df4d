import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../main/cli';
import { sourceRoot } from '../../main/platform/paths';
import { PLAIN_COPY_DIR } from '../../main/services/privacy/encryption';
import { resolveStoreKey } from '../../main/services/privacy/keys/dev-key';
import { isEncryptedStoreFile, isPlainStoreFile } from '../../main/store/cipher';
import { DATABASE_FILE } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

const demo = path.join(sourceRoot(), 'assets', 'demo-workspace.json');

describe('command line on a harness data directory (DEV-ONLY store key)', () => {
  it('encrypts a plain store with the dev key, backs up, verifies and restores with it, then drops the plain copy', async () => {
    const dataDir = tempDir();
    const env = { PERMANENCE_DATA_DIR: dataDir };
    const store = path.join(dataDir, DATABASE_FILE);
    // Without a dev key file the CLI works on a plain store, as before.
    expect((await runCli(['workspace', 'import', demo], env)).exitCode).toBe(0);
    expect(isPlainStoreFile(store)).toBe(true);

    resolveStoreKey(dataDir, { create: true }); // what the harness does on its data directory
    const made = await runCli(['backup', 'now'], env);
    expect(made).toMatchObject({ exitCode: 0, stderr: '' });
    expect(isEncryptedStoreFile(store)).toBe(true);
    expect(isPlainStoreFile(path.join(dataDir, PLAIN_COPY_DIR, DATABASE_FILE))).toBe(true);
    const name = /Sauvegarde vérifiée : (permanence-\d{8}-\d{6}\.sqlite3)/.exec(made.stdout)![1]!;
    expect(isEncryptedStoreFile(path.join(dataDir, 'backups', name))).toBe(true);

    expect(await runCli(['backup', 'verify', name], env)).toMatchObject({ exitCode: 0 });
    const restored = await runCli(['backup', 'restore', name], env);
    expect(restored).toMatchObject({ exitCode: 0, stderr: '' });
    expect(restored.stdout).toContain(`Sauvegarde restaurée : ${name}.`);
    expect(isEncryptedStoreFile(store)).toBe(true);

    const confirmed = await runCli(['store', 'confirm-encryption'], env);
    expect(confirmed).toMatchObject({ exitCode: 0, stderr: '' });
    expect(confirmed.stdout).toMatch(/^Copie en clair supprimée \(\d+ fichiers?\) : seule la base chiffrée reste\.\n$/);
    expect(fs.existsSync(path.join(dataDir, PLAIN_COPY_DIR))).toBe(false);
    expect((await runCli(['store', 'confirm-encryption'], env)).stdout).toBe('Aucune copie en clair à supprimer.\n');
    const audit = await runCli(['audit', 'verify'], env);
    expect(audit).toMatchObject({ exitCode: 0 });
  });
});
