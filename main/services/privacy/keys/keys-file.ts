import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FILE_MODE } from '../../../store/open';

/** Beside the store, never inside it: the slots are what opens the store. */
export const KEYS_FILE = 'keys.json';

const secretSlot = z.object({
  kdf: z.literal('argon2id'),
  salt: z.string(),
  memoryKiB: z.number().int().min(8).max(4_194_304),
  iterations: z.number().int().min(1).max(64),
  parallelism: z.number().int().min(1).max(16),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});

const keysFileSchema = z.object({
  format: z.literal('permanence-keys'),
  version: z.literal(1),
  /** keyFingerprint of the store key every slot opens to. */
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  createdAt: z.number().int(),
  slots: z.object({
    keychain: z.object({ sealed: z.string() }).optional(),
    passphrase: secretSlot.optional(),
    recovery: secretSlot.optional(),
  }),
});
export type KeysFile = z.infer<typeof keysFileSchema>;

export function keysFilePath(dataDir: string): string {
  return path.join(dataDir, KEYS_FILE);
}

export function readKeysFile(dataDir: string): KeysFile | null {
  let text: string;
  try {
    text = fs.readFileSync(keysFilePath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return keysFileSchema.parse(JSON.parse(text));
}

/**
 * Written whole or not at all: a temporary file (0600) fsynced, renamed over keys.json, the folder fsynced. A
 * crash in the middle leaves the old slots, which still open the same store.
 */
export function writeKeysFile(dataDir: string, content: KeysFile): void {
  const file = keysFilePath(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', FILE_MODE);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(keysFileSchema.parse(content), null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  if (process.platform !== 'win32') {
    const dir = fs.openSync(dataDir, 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}
