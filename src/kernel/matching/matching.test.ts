import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names.ts';
import { canonicalSpelling } from './name-equivalents.ts';
import { nameTokens } from './name-tokens.ts';
import { consonantSkeleton } from './skeleton.ts';
import { editDistance, jaroWinkler } from './string-similarity.ts';

const score = (a: string, b: string) => compareNames(nameTokens(a), nameTokens(b)).score;

describe('string similarity', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('jonh', 'john')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('gives Jaro–Winkler its reference values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('consonant skeletons', () => {
  it.each([
    ['muhammad', 'mhmd'], ['hussein', 'hsn'], ['hsyn', 'hsn'], ['osama', 'sm'], ['smh', 'sm'], ['khaled', 'hld'], ['qasim', 'ksm'], ['kassem', 'ksm'], ['ivanoff', 'n'],
  ])('writes %s as %s, where vowelless transliterations meet vowelled spellings', (token, skeleton) => {
    expect(consonantSkeleton(token)).toBe(skeleton);
  });
});

describe('name equivalences', () => {
  it('maps variant spellings and nicknames of one name to one canonical form, and surname endings -off/-ow to -ov', () => {
    expect(canonicalSpelling('robbie')).toBe(canonicalSpelling('robert'));
    expect(canonicalSpelling('mehmet')).toBe('muhammad');
    expect(canonicalSpelling('serhiy')).toBe('sergei');
    expect(canonicalSpelling('ivanoff')).toBe('ivanov');
    expect(canonicalSpelling('mahmoud')).not.toBe(canonicalSpelling('mohammed'));
  });
});

describe('name tokens', () => {
  it('joins Abd- compounds however they are written and drops the Arabic article', () => {
    for (const name of ['Abd al-Rahman Yasin', 'Abdul Rahman Yasin', 'Abdurrahman Yasin', 'Abdelrahman Yasin']) {
      expect(nameTokens(name).map((t) => t.folded), name).toEqual(['abdrahman', 'yasin']);
    }
    expect(nameTokens('الحسن').map((t) => t.folded)).toEqual(['hsn']);
  });

  it('weighs particles, patronymics, initials and fathers’ names less than given and family names', () => {
    const tokens = nameTokens('Vladimir Vladimirovich Putin');
    expect(tokens.map((t) => t.weight)).toEqual([1, 0.5, 1]);
    expect(nameTokens('Usama bin Muhammad bin Laden').map((t) => t.weight)).toEqual([1, 0.15, 0.6, 0.15, 1]);
    expect(nameTokens('J. Smith')[0]?.initial).toBe(true);
  });
});

describe('comparing names', () => {
  it.each([
    ['PUTIN, Vladimir', 'Владимир Владимирович Путин', 'token order, script and a patronymic'],
    ['Usama bin Ladin', 'أسامة بن لادن', 'Arabic script without vowels'],
    ['Mohammed Yusuf', 'محمد يوسف', 'Arabic script without vowels'],
    ['Kim Jong Un', '김정은', 'Korean, with the given name written as one word'],
    ['Hassan Nasrallah', 'حسن نصر الله', 'a compound written in two words'],
    ['Jonh Smith', 'John Smith', 'a typing error'],
    ['Schmidt Hans', 'Hans Schmitt', 'a phonetic variant'],
    ['Mikhail Gorbachev', 'Michail Gorbatschow', 'German romanisation of Russian'],
    ['Ahmad Shah Massoud', 'Massoud, Ahmed Shah', 'a variant given name and surname first'],
    ['ابراهیم رئیسی', 'RAISI, Ebrahim', 'Persian script, whose alef and yeh look like vowels'],
    ['محمد جواد ظریف', 'ZARIF, Mohammad Javad', 'Persian و for v and ظ for z'],
    ['فلاديمير بوتين', 'PUTIN, Vladimir', 'Arabic script, which has no p or v'],
    ['리병철', 'RI, Pyong Chol', 'Korean romanised with other voicing (Byeong/Pyong) and R/L'],
    ['Mohammad Javad ZAFIR', 'ZARIF, Mohammad Javad', 'two letters swapped in a short word'],
    ['Jong Un KlM', 'KIM, Jong Un', 'an l read for an i'],
  ])('matches %s with %s (%s)', (a, b) => {
    expect(score(a, b)).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps different names apart, even when they share a word or a consonant skeleton', () => {
    expect(score('Mahmoud Yusuf', 'Mohammed Yusuf')).toBeLessThan(0.7);
    expect(score('John Smith', 'Peter Jones')).toBeLessThan(0.3);
    expect(score('Maria Lopez', 'Carlos Lopez')).toBeLessThan(0.7);
  });

  it('takes titles and legal forms for what they are, not for names', () => {
    expect(nameTokens('President Putin').map((t) => t.weight)).toEqual([0.15, 1]);
    expect(score('alicia hope', 'HOOPOE SPORTS LLC')).toBeLessThan(0.5);
  });

  it('counts a name word on each side without counterpart as a disagreement', () => {
    expect(score('Dmitri Alekseevich Orlov', 'LEBEDEV, Dmitri Alekseevich')).toBeLessThan(0.6);
    expect(score('Dmitri Alekseevich Orlov', 'Dmitri Orlov')).toBeGreaterThan(0.85);
  });

  it('lets initials lift a one-word match a little, not to a full match', () => {
    expect(score('Путин В. В.', 'Vladimir Vladimirovich PUTIN')).toBeCloseTo(0.76, 2);
  });

  it('caps a match on one word when the names have more', () => {
    expect(score('Putin', 'Vladimir Putin')).toBeLessThanOrEqual(0.7);
    expect(score('Vladimir Putin', 'Vladimir Vladimirovich Putin')).toBeGreaterThan(0.9);
  });

  it('explains which words agreed, how, and which were left over', () => {
    const result = compareNames(nameTokens('Osama bin Laden'), nameTokens('Usama bin Muhammad bin Awad BIN LADIN'));
    expect(result.pairs.map((p) => [p.query, p.candidate, p.how])).toEqual(expect.arrayContaining([['osama', 'usama', 'variant'], ['laden', 'ladin', 'sounds-alike']]));
    expect(result.unmatchedCandidate).toEqual(expect.arrayContaining(['muhammad', 'awad']));
  });
});
