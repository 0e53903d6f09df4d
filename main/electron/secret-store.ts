import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import type { SecretStore } from '../services/secrets';

/**
 * Secrets (the SIP password) encrypted with the OS keychain through Electron's safeStorage, in one JSON file of
 * ciphertexts in userData. Never in SQLite, never in clear: when the OS offers no real encryption the store
 * refuses, and the user is told what to install. (The harness has its own dev-only fallback; this one has none.)
 */
export interface KeychainSecretStore extends SecretStore {
  readonly protection: 'os-keychain';
  /** Whether a secret can be stored now (real OS encryption available). */
  available(): boolean;
  has(name: string): boolean;
}

export const SECRETS_FILE = 'secrets.json';
const NAME = /^[a-z0-9][a-z0-9:._-]{0,99}$/i;

interface SecretsFile {
  version: 1;
  entries: Record<string, string>;
}

export function createSecretStore(dir: string, platform: NodeJS.Platform = process.platform): KeychainSecretStore {
  const file = path.join(dir, SECRETS_FILE);

  function available(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    // On Linux without a keyring, Chromium falls back to "basic_text": a key hard-coded in Chromium itself.
    // That is obfuscation, not encryption, so it counts as unavailable.
    return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  function requireEncryption(): void {
    if (available()) return;
    throw new PermanenceError(
      'UNAVAILABLE',
      platform === 'linux'
        ? 'Aucun trousseau système n’est disponible : le mot de passe ne peut pas être enregistré chiffré. ' +
            'Installez et déverrouillez GNOME Keyring (ou KWallet), puis relancez Permanence.'
        : 'Le chiffrement du système n’est pas disponible : le mot de passe ne peut pas être enregistré. ' +
            'Relancez Permanence ; si cela persiste, vérifiez le trousseau de votre session.',
    );
  }

  function read(): SecretsFile {
    if (!fs.existsSync(file)) return { version: 1, entries: {} };
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<SecretsFile>;
    return { version: 1, entries: { ...(parsed.entries ?? {}) } };
  }

  function write(content: SecretsFile): void {
    fs.mkdirSync(dir, { recursive: true });
    // Owner-only, written then renamed: a crash never leaves half a file, and other users never read it.
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(content), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
  }

  function checkName(name: string): void {
    if (!NAME.test(name)) throw new PermanenceError('VALIDATION', `Nom de secret invalide : ${name.slice(0, 40)}`);
  }

  return {
    protection: 'os-keychain',
    available,
    set(name, value) {
      checkName(name);
      requireEncryption();
      const content = read();
      content.entries[name] = safeStorage.encryptString(value).toString('base64');
      write(content);
    },
    get(name) {
      checkName(name);
      const stored = read().entries[name];
      if (stored === undefined) return null;
      requireEncryption();
      try {
        return safeStorage.decryptString(Buffer.from(stored, 'base64'));
      } catch {
        // The keychain entry changed (new OS profile, restored backup): the old ciphertext is unreadable for good.
        throw new PermanenceError(
          'UNAVAILABLE',
          'Le mot de passe enregistré ne peut plus être déchiffré (trousseau du système modifié). Saisissez-le à nouveau.',
        );
      }
    },
    has(name) {
      checkName(name);
      return read().entries[name] !== undefined;
    },
    delete(name) {
      checkName(name);
      const content = read();
      if (!(name in content.entries)) return;
      delete content.entries[name];
      write(content);
    },
  };
}
