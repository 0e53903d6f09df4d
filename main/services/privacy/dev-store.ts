import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import { isPlainStoreFile } from '../../store/cipher';
import { DATABASE_FILE } from '../../store/open';
import { createDevFileSecretStore } from '../secrets';
import { encryptPlainStore } from './encryption';
import { resolveStoreKey } from './keys/dev-key';

/**
 * DEV ONLY: the key the browser harness (`create`: a fresh data directory gets one) and the CLI (only when the
 * harness made one) open the store with, from the dev-only key file (keys/dev-key.ts). A store still plain is
 * encrypted with it first (encryptPlainStore: its plain copy waits in plain-before-encryption/). A plain store
 * too damaged to be copied stays plain, so that openStore sends it to recovery mode.
 */
export function devStoreKey(
  dataDir: string,
  options: { create: boolean; now?: () => number; log?: (message: string, detail?: unknown) => void },
): Buffer | null {
  const key = resolveStoreKey(dataDir, { create: options.create });
  if (!key || !isPlainStoreFile(path.join(dataDir, DATABASE_FILE))) return key;
  try {
    const outcome = encryptPlainStore(dataDir, key, {
      secrets: createDevFileSecretStore(dataDir),
      ...(options.now ? { now: options.now } : {}),
    });
    options.log?.('plain store encrypted with the dev-only key', outcome);
    return key;
  } catch (error) {
    if (error instanceof PermanenceError && error.text?.key === 'errors.STORE_ENCRYPTION_FAILED') {
      options.log?.('plain store left plain: it could not be encrypted', error.message);
      return null;
    }
    throw error;
  }
}
