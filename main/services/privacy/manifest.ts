import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

/** Written beside every backup as `<backup>.manifest.json`: what the backup must hold to be trusted. */
export const manifestSchema = z.object({
  format: z.literal(1),
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  sizeBytes: z.number().int().nonnegative(),
  /** Rows per table of the store at the moment of the backup (FTS shadow tables excluded). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  schemaVersion: z.number().int().nonnegative(),
  appVersion: z.string(),
  /** UTC epoch ms. */
  createdAt: z.number().int(),
  /** 'daily' (the scheduler), 'manual' (the button, the CLI), 'before-restore' (the snapshot of a replaced store). */
  reason: z.enum(['daily', 'manual', 'before-restore']),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export const MANIFEST_SUFFIX = '.manifest.json';

export function manifestPath(backupFile: string): string {
  return backupFile + MANIFEST_SUFFIX;
}

export function readManifest(backupFile: string): BackupManifest | null {
  let text: string;
  try {
    text = fs.readFileSync(manifestPath(backupFile), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Synchronous twin of sha256File, for the CLI and the restore (the store is closed meanwhile anyway). */
export function sha256FileSync(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1 << 20);
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}
