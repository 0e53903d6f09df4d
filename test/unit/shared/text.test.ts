import { matchesAllWords, searchableText, searchWords } from '../../../shared/domain/text';
import { toFtsQuery } from '../../../main/store/repositories/fts';

describe('search text', () => {
  it('folds what she types into words: accents, case and apostrophes ignored', () => {
    expect(searchWords('Dr Hélène  KERJEAN')).toEqual(['dr', 'helene', 'kerjean']);
    expect(searchWords('prud’hommes')).toEqual(['prudhommes']);
    expect(searchWords("prud'hommes, l'audience")).toEqual(['prudhommes', 'laudience']);
    expect(searchWords(' -- ')).toEqual([]);
  });

  it('indexes a word holding an apostrophe with and without it', () => {
    expect(searchableText('Dr Hélène Kerjean')).toBe('Dr Hélène Kerjean');
    expect(searchableText("Aux prud’hommes, l'audience")).toBe("Aux prud’hommes, l'audience prudhommes laudience");
  });

  it('matches every typed word as the start of a word, in any order', () => {
    const name = 'Dr Hélène Kerjean';
    expect(matchesAllWords('dr kerjean', name)).toBe(true);
    expect(matchesAllWords('kerjean helene', name)).toBe(true);
    expect(matchesAllWords('KERJ hél', name)).toBe(true);
    expect(matchesAllWords('jean', name)).toBe(false);
    expect(matchesAllWords('kerjean paul', name)).toBe(false);
    expect(matchesAllWords('prudhommes', 'Conseil de prud’hommes')).toBe(true);
    expect(matchesAllWords('hommes', 'Conseil de prud’hommes')).toBe(true);
    expect(matchesAllWords('', name)).toBe(true);
  });

  it('builds an FTS5 query of quoted prefix terms that user input cannot escape', () => {
    expect(toFtsQuery('dr Kerjean')).toBe('"dr"* "kerjean"*');
    expect(toFtsQuery("prud'hommes")).toBe('"prudhommes"*');
    expect(toFtsQuery('neil" OR * NEAR(')).toBe('"neil"* "or"* "near"*');
    expect(toFtsQuery('  ')).toBeNull();
  });
});
