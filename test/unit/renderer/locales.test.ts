import fs from 'node:fs';
import path from 'node:path';
import en from '../../../renderer/i18n/locales/en.json';
import fr from '../../../renderer/i18n/locales/fr.json';
import { VALIDATION_MESSAGES } from '../../../shared/domain/validation-messages';
import { sourceRoot } from '../../../main/platform/paths';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Plural forms differ by language (fr has _one/_many/_other); compare keys without their plural suffix. */
function base(list: string[]): string[] {
  return [...new Set(list.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
}

describe('locales', () => {
  it('has the same keys in French and English', () => {
    expect(base(keys(en))).toEqual(base(keys(fr)));
    expect(Object.keys(VALIDATION_MESSAGES.en).sort()).toEqual(Object.keys(VALIDATION_MESSAGES.fr).sort());
  });

  it('has no empty translation', () => {
    for (const [name, table] of [
      ['fr', fr],
      ['en', en],
    ] as const) {
      const flat = keys(table);
      for (const key of flat) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], table);
        expect(String(value).trim(), `${name}:${key}`).not.toBe('');
      }
    }
  });

  it('defines every literal key the renderer asks for', () => {
    const root = path.join(sourceRoot(), 'renderer');
    const used = new Set<string>();
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) used.add(match[1]!);
    }
    const known = new Set(base(keys(fr)));
    const missing = [...used].filter((k) => !known.has(k) && !k.startsWith('validation.'));
    expect(missing).toEqual([]);
  });
});
