import { safeStorage } from 'electron';
import type { Keychain } from '../services/privacy/keys/keychain';

/**
 * The store key's keychain slot through Electron's safeStorage: macOS Keychain, Windows DPAPI, libsecret or
 * KWallet on Linux. On Linux without a keyring Chromium falls back to `basic_text`, a key written in its own
 * source code: reported as such, so the key slots require the passphrase instead (issue 12).
 */
export function createSafeStorageKeychain(platform: NodeJS.Platform = process.platform): Keychain {
  return {
    status() {
      if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return 'basic-text';
      return 'available';
    },
    seal: (secret) => safeStorage.encryptString(secret),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
