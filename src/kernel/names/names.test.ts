import { describe, expect, it } from 'vitest';
import { foldName, toLatin } from './latin.ts';
import { hasNonLatinLetters, scriptsOf } from './scripts.ts';

describe('scriptsOf', () => {
  it('names the scripts of a text, most letters first', () => {
    expect(scriptsOf('Ali علي بن حسن')).toEqual(['Arabic', 'Latin']);
    expect(scriptsOf('Путин')).toEqual(['Cyrillic']);
    expect(scriptsOf('山田 たろう')).toEqual(['Hiragana', 'Han']);
    expect(scriptsOf('12-34')).toEqual([]);
  });

  it('tells Latin text (with accents) from text that needs transliteration', () => {
    expect(hasNonLatinLetters('Ğül Öztürk, Ærø')).toBe(false);
    expect(hasNonLatinLetters('Ali علي')).toBe(true);
  });
});

describe('toLatin', () => {
  it.each([
    ['Владимир Путин', 'Vladimir Putin'],
    ['Ελευθέριος Βενιζέλος', 'Eleytherios Venizelos'],
    ['მიხეილ სააკაშვილი', "Mikheil Saak'ashvili"],
    ['Նիկոլ Փաշինյան', "Nikol P'ashinyan"],
    ['やまだ たろう', 'Yamada Tarou'],
  ])('transliterates %s as %s', (name, latin) => {
    expect(toLatin(name)).toBe(latin);
  });

  it('writes Chinese and Korean names family name first, then the given name as one word', () => {
    expect(toLatin('习近平')).toBe('Xi Jinping');
    expect(toLatin('毛泽东')).toBe('Mao Zedong');
    expect(toLatin('김정은')).toBe('Gim Jeongeun');
  });

  it('keeps Latin names exactly as written, accents included, and collapses spacing', () => {
    expect(toLatin('  Ğül-Şen   ÖZTÜRK ')).toBe('Ğül-Şen ÖZTÜRK');
    expect(toLatin("O'Brien")).toBe("O'Brien");
  });

  it('gives abjads their consonants (vowels are not written; the screening matcher handles them)', () => {
    expect(toLatin('محمد بن سلمان')).toBe('Mhmd Bn Slmn');
  });
});

describe('foldName', () => {
  it('removes case, accents, punctuation and script differences', () => {
    expect(foldName('  Ğül-Şen  ÖZTÜRK ')).toBe('gul sen ozturk');
    expect(foldName("O'Brien")).toBe('obrien');
    expect(foldName('Ærøskøbing')).toBe('aeroskobing');
    expect(foldName('Владимир ПУТИН')).toBe('vladimir putin');
  });

  it('folds compatibility forms (ligatures, full-width letters) to their plain letters', () => {
    expect(foldName('ﬁnn Ｆｕｌｌ')).toBe('finn full');
  });
});

describe('toLatin of East Asian names', () => {
  it('splits off the family name only in words of two to four syllables, the length of Chinese and Korean names', () => {
    expect(toLatin('박민준')).toBe('Bag Minjun');
    expect(toLatin('블라디미르')).toBe('Beulladimileu');
    expect(toLatin('马克思')).toBe('Ma Kesi');
    expect(toLatin('弗拉基米尔')).toBe('Fulajimier');
  });
});
