/** Lower case without accents ("Hélène" → "helene"): how names, answers and headers are compared. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the invisible
 * direction marks (U+200E, U+200F, U+061C). In a name they only serve to disguise it: « Cabinet \u202Egnp.exe »
 * shows as « Cabinet exe.png ».
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** A name without bidirectional controls; right-to-left letters (Arabic, Hebrew) are kept as they are. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Straight, typographic and modifier apostrophes: « prud’hommes », « prud'hommes », « prudʼhommes ». */
const APOSTROPHES = /['‘’ʼ`´]/gu;
/** A word with apostrophes inside it: « prud’hommes », « l’audience », « aujourd’hui ». */
const ELIDED_WORD = /[\p{L}\p{N}]+(?:['‘’ʼ`´][\p{L}\p{N}]+)+/gu;

/**
 * The words she types, folded: accents, case and apostrophes ignored, split on anything else
 * (« Dr Hélène » → ["dr", "helene"], « prud'hommes » → ["prudhommes"]).
 */
export function searchWords(text: string): string[] {
  return foldAccents(text.normalize('NFKC').replace(APOSTROPHES, ''))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * Text as it is indexed for search: unchanged, plus every word that holds an apostrophe written without it, so
 * « prudhommes » finds « prud’hommes » while « hommes » and « audience » still find « prud’hommes » and « l’audience ».
 */
export function searchableText(text: string): string {
  const joined = text.match(ELIDED_WORD)?.map((word) => word.replace(APOSTROPHES, ''));
  return joined && joined.length > 0 ? `${text} ${joined.join(' ')}` : text;
}

/**
 * True when every typed word starts a word of the text, in any order, accents, case and apostrophes folded:
 * « dr kerjean » and « kerjean helene » match « Dr Hélène Kerjean ». An empty query matches everything.
 */
export function matchesAllWords(query: string, text: string): boolean {
  const wanted = searchWords(query);
  if (wanted.length === 0) return true;
  const words = foldAccents(searchableText(text)).split(/[^\p{L}\p{N}]+/u);
  return wanted.every((w) => words.some((word) => word.startsWith(w)));
}
