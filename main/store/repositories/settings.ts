import type { Db } from '../open';
import { fromJson, toJson } from './json';

export function createSettingsRepository(db: Db) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    readAll(): Record<string, unknown> {
      const result: Record<string, unknown> = {};
      for (const row of all.all()) result[row.key] = fromJson(row.value);
      return result;
    },
    write(values: Record<string, unknown>): void {
      db.transaction(() => {
        for (const [key, value] of Object.entries(values)) {
          if (value !== undefined) upsert.run(key, toJson(value));
        }
      })();
    },
  };
}
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
