/**
 * Spellings of one given name across languages and romanisation schemes that neither the
 * consonant skeleton nor edit distance brings together (Mehmet/Muhammad, Sergei/Sergey/
 * Serhiy, Gamal/Jamal). Hand-written, name-specific knowledge: each line is one name; the
 * first spelling is its canonical form. Keep entries to true equivalents of one name — never
 * two different names that merely sound alike (Mohammed and Mahmoud stay apart).
 */
const GROUPS = `
muhammad mohammed mohamed muhammed mohamad mohammad muhamad muhamed mehmet mehmed mohd mhd mamadou mamadu mahomet mohammod
ahmad ahmed ahmet achmad akhmed ahmadou ahmadu
hussein husayn hussain husain hossein huseyin husein hussien houssein
hassan hasan hassane hasen
yusuf youssef yousef yusef yousif yusif jusuf youcef yussuf yousuf
osama usama oussama usamah ousama
omar umar omer oumar umer
abdullah abdallah abdulla abdellah abdoulah
mustafa mostafa moustafa mustapha mostapha
ibrahim ebrahim ibraheem brahim ibragim
khalid khaled halid chaled
said saeed sayed saied saeid sayid
sayyid seyed seyyed sayed
qasim kassem kasim qassem qassim kacem
jamal gamal djamel jamel
ali aly
abu abou abw bw
qadhafi gaddafi kadhafi qaddafi gadhafi kadafi
bin ben ibn
nasser nasir nasser naser nassir
yasser yasir yaser
walid waleed oualid
rashid rachid rasheed
karim kareem kerim
faisal faysal feisal faycal
mahmoud mahmud mahmood
aleksandr alexander aleksander alexandre alexandr oleksandr olexandr alyaksandr alex sasha
sergei sergey serguei sergiy serhiy serhii
yuri yury iouri yuriy jurij juri yurii
dmitri dmitry dmitriy dimitri dmytro
mikhail michail mikhael mykhailo mihail
vladimir wladimir volodymyr uladzimir
nikolai nikolay nicolai mykola
andrei andrey andriy andrii
alexei aleksei alexey aleksey oleksiy oleksii
evgeny yevgeny evgeni yevgeniy yevhen evgenii
pyotr petr piotr
fyodor fedor feodor fedir
grigori grigory grigoriy hryhoriy
anatoli anatoly anatoliy
vitali vitaly vitaliy
arkadi arkady arkadiy
yekaterina ekaterina katerina kateryna
natalia natalya nataliya
tatiana tatyana tetiana
olga olha
xi hsi
zhang chang cheung
wang wong
chen chan
liu lau
zhou chou chow
xu hsu
kim gim
robert rob robbie bob bobby bert
william bill billy will willie
edward ed eddie ted teddy
richard rick ricky dick
james jim jimmy jamie
john johnny jack
michael mike mick mickey
thomas tom tommy
joseph joe joey
charles charlie chuck
daniel dan danny
anthony tony
christopher chris
howard howie
margaret peggy peggie maggie meg
elizabeth liz beth betty lizzie
katherine kate kathy catherine kathryn
patricia pat patty
susan sue susie
jennifer jen jenny
lee yi rhee ri li rhi
park pak bak
choi choe
jung jeong chung
kang gang
yoon yun
`;

// Heads are written with their vowels folded (foldVowels), so a spelling missing from its line
// (Hosein) is compared with the head as it is itself folded (hosayn ~ hussayn).
const CANONICAL = new Map<string, string>();
for (const line of GROUPS.trim().split('\n')) {
  const [head, ...variants] = line.trim().split(/\s+/);
  if (!head) continue;
  const canonical = foldVowels(head);
  for (const spelling of [head, ...variants]) if (!CANONICAL.has(spelling)) CANONICAL.set(spelling, canonical);
}

/** Russian and Central Asian surname endings written several ways: -off/-ow → -ov, -ieff/-yev/-iev → -ev. */
function normaliseSuffix(token: string): string {
  if (token.length < 5) return token;
  return token.replace(/(?:ieff|yeff|yev|iev|eff)$/, 'ev').replace(/(?:off|ow)$/, 'ov');
}

/**
 * Vowels romanisation schemes write differently, one way each. Hand-written (no library knows
 * which spellings of a vowel are a scheme's convention rather than another name):
 * - English-based romanisations of Arabic, Persian and Urdu write long i and u as ee and oo/ou
 *   (Naeem/Naim, Mahmood/Mahmud, Youssef/Yusef);
 * - Korean: the Revised Romanisation writes ㅓ and ㅡ as eo and eu, McCune–Reischauer (and
 *   North Korean usage) as ŏ and ŭ, which lose their breve: Yeo-jong/Yo Jong, Jeong-eun/Jong Un;
 * - the diphthong ai is written ai, ay, ei or ey (Zayd/Zeid, Dayf/Deif, Husayn/Hussein,
 *   Leila/Layla, German Meier/Mayer); not in words of three letters, where pinyin tells
 *   different syllables apart by it (Lai/Lei, Mai/Mei).
 */
function foldVowels(token: string): string {
  let s = token.replace(/ee/g, 'i').replace(/oo|ou/g, 'u').replace(/eo/g, 'o').replace(/eu/g, 'u');
  if (s.length >= 4) s = s.replace(/[ae][iy]/g, 'ay');
  return s;
}

/**
 * The canonical spelling of a folded token: the head of its equivalence group, else the
 * token with its vowels written one way and its surname ending normalised.
 *
 * @example canonicalSpelling('mehmet') // 'muhammad'
 * @example canonicalSpelling('ivanoff') // 'ivanov'
 * @example canonicalSpelling('deif') === canonicalSpelling('dayf') // true
 */
export function canonicalSpelling(token: string): string {
  const known = CANONICAL.get(token);
  if (known) return known;
  const folded = foldVowels(token);
  return CANONICAL.get(folded) ?? normaliseSuffix(folded);
}
