import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root when running from sources (tsx, vitest); Electron passes its own paths instead. */
export function sourceRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

export function dataDirFromEnv(fallback: string): string {
  const fromEnv = process.env.PERMANENCE_DATA_DIR;
  return fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : fallback;
}
