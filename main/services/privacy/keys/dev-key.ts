import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../../shared/api';
import { STORE_KEY_BYTES } from '../../../store/cipher';

/**
 * DEV ONLY. The browser harness and the CLI have no OS keychain and no lock screen: they keep the store's key in
 * clear in this file of the data directory (0600), so the store they use is encrypted like the app's and every
 * code path (backups, restore, imports worker, canary scan) runs with a key. Whoever reads this file reads the
 * store: never use the harness's data directory for real data. The app's key lives in key slots (keychain,
 * passphrase, recovery code: the rest of this folder).
 */
export const DEV_KEY_FILE = 'dev-only-store-key.hex';

const HEX_KEY = new RegExp(`^[0-9a-f]{${STORE_KEY_BYTES * 2}}$`);

/**
 * The seam between the store and its key for the harness and the CLI: reads the dev-only key file of `dataDir`
 * or, with `create`, writes a fresh random key there first. Null when there is none and `create` is false.
 */
export function resolveStoreKey(dataDir: string, options: { create?: boolean } = {}): Buffer | null {
  const file = path.join(dataDir, DEV_KEY_FILE);
  let text: string | null = null;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    const hex =
      text
        .split('\n')
        .find((line) => !line.startsWith('#'))
        ?.trim() ?? '';
    if (!HEX_KEY.test(hex)) {
      throw new PermanenceError('INTERNAL', `Le fichier de clé de développement ${file} est illisible.`);
    }
    return Buffer.from(hex, 'hex');
  }
  if (!options.create) return null;
  const key = crypto.randomBytes(STORE_KEY_BYTES);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(
    temp,
    `# DEV ONLY: the key of this data directory's store, in clear (browser harness and CLI). Never for real data.\n${key.toString('hex')}\n`,
    { mode: 0o600, flag: 'wx' },
  );
  try {
    // link, not rename: if another process wrote its key first, that one wins and is read back.
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return resolveStoreKey(dataDir);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return key;
}
