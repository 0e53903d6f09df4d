import { searchableText, searchWords } from '../../../shared/domain/text';
import type { Db } from '../open';

/**
 * Turns what she types into an FTS5 query: every word, accents, case and apostrophes folded, must start a word of
 * the row, in any order (« dr kerjean », « kerjean helene », « prudhommes »). Every term is quoted, so what she
 * types is never FTS syntax.
 */
export function toFtsQuery(text: string): string | null {
  const terms = searchWords(text).slice(0, 8);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"*`).join(' ');
}

/**
 * `search_text(x)`: the text written into an FTS column (see searchableText). Registered on every connection,
 * because the repositories and migration 0007 index rows with it.
 */
export function registerSearchFunctions(db: Db): void {
  db.function('search_text', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchableText(text) : '',
  );
}
