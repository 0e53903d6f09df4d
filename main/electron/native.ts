import fs from 'node:fs';
import path from 'node:path';

/** The file scripts/electron-native.mjs writes: a name of its own, so a plain better-sqlite3 build left in .native/
 * by an older checkout is never loaded (it would ignore the store's key). */
export const NATIVE_FILE = 'better_sqlite3_multiple_ciphers.node';

/**
 * better-sqlite3-multiple-ciphers (the store's driver, main/store/cipher.ts) is compiled against one ABI. node_modules keeps Node's build (for vitest, the harness, the CLI);
 * Electron loads its own build from `.native/` through better-sqlite3's `nativeBinding` option, so `npm start` and
 * `npm test` never fight over one file. scripts/electron-native.mjs produces it; electron-builder ships the
 * folder as extraResources (resources/native/...).
 */
export function nativeDirName(electronVersion: string, platform: string, arch: string): string {
  return `electron-${electronVersion}-${platform}-${arch}`;
}

export interface NativeBindingLocation {
  appRoot: string;
  /** process.resourcesPath in a packaged app; null when running from sources. */
  resourcesPath: string | null;
  electronVersion: string;
  platform: string;
  arch: string;
}

/** The path to pass as `nativeBinding`, or null when there is none (then better-sqlite3 loads its default). */
export function resolveNativeBinding(where: NativeBindingLocation, exists = fs.existsSync): string | null {
  const dir = nativeDirName(where.electronVersion, where.platform, where.arch);
  const candidates = [
    ...(where.resourcesPath ? [path.join(where.resourcesPath, 'native', dir, NATIVE_FILE)] : []),
    path.join(where.appRoot, '.native', dir, NATIVE_FILE),
  ];
  return candidates.find((file) => exists(file)) ?? null;
}
