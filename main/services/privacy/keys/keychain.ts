/**
 * The OS keychain as the key slots see it. Electron implements it with safeStorage (main/electron/keychain.ts);
 * the browser harness and the CLI have none (they use the dev-only key file).
 */
export interface Keychain {
  /**
   * 'available': a real OS keychain (macOS Keychain, Windows DPAPI, libsecret or KWallet on Linux).
   * 'basic-text': Linux without a keyring, where Chromium falls back to a key written in its own source code:
   * obfuscation, not protection, so the passphrase is required. 'unavailable': no encryption at all.
   */
  status(): 'available' | 'basic-text' | 'unavailable';
  seal(secret: string): Buffer;
  /** Throws when the ciphertext was sealed by another keychain (new OS profile, copied data directory). */
  open(sealed: Buffer): string;
}
