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
