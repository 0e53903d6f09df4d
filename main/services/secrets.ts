import fs from 'node:fs';
import path from 'node:path';

/**
 * Where passwords (SIP account, SMTP) live: never in SQLite, never in logs, never in exports.
 * Electron provides a safeStorage-backed store (main/electron); the harness and the CLI use the dev-only
 * file store below.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /** Shown in settings so the user knows how the password is protected. */
  readonly protection: 'os-keychain' | 'dev-plaintext-file';
}

const DEV_FILE = 'dev-secrets.json';

/**
 * DEVELOPMENT AND TESTS ONLY: keeps secrets in a 0600 JSON file in the data directory, in clear. The browser
 * harness has no OS keychain; the packaged app never uses this store.
 */
export function createDevFileSecretStore(dataDir: string): SecretStore {
  const file = path.join(dataDir, DEV_FILE);
  function read(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }
  function write(values: Record<string, string>): void {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const temp = `${file}.tmp`;
    fs.writeFileSync(
      temp,
      JSON.stringify({ _warning: 'DEV ONLY: secrets in clear for the browser harness', ...values }),
      {
        mode: 0o600,
      },
    );
    fs.renameSync(temp, file);
  }
  return {
    protection: 'dev-plaintext-file',
    get: (name) => (name === '_warning' ? null : (read()[name] ?? null)),
    set(name, value) {
      const { _warning: _ignored, ...values } = read();
      write({ ...values, [name]: value });
    },
    delete(name) {
      const { _warning: _ignored, [name]: _removed, ...values } = read();
      write(values);
    },
  };
}
