/**
 * French order for everything listed by name: « Étude de Me Dupuy » sorts with the E's, not after « Syndic… »
 * (a byte or NOCASE order puts every accented capital last). Accents and case only break ties; numbers inside
 * names sort as numbers (« Cabinet 2 » before « Cabinet 10 »).
 */
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const tieBreaker = new Intl.Collator('fr', { sensitivity: 'variant', numeric: true });

export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || tieBreaker.compare(a, b);
}

/** A sorted copy, by the name `nameOf` gives. */
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string): T[] {
  return [...items].sort((x, y) => compareNames(nameOf(x), nameOf(y)));
}

/**
 * A key whose plain (binary) order is close to the French order, for SQL that pages through a long list
 * (ORDER BY … LIMIT): accents and case folded, punctuation ignored, digit runs padded so 2 comes before 10.
 */
export function nameSortKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\d+/g, (digits) => digits.padStart(12, '0'));
}
