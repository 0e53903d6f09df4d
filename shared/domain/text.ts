/** Lower case without accents ("Hélène" → "helene"): how names, answers and headers are compared. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
