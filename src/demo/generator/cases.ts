import type { CrimeArea } from '../../kernel/records/record-meta.ts';
import { bankAccountProps, bitcoinAddress, currencyOf, firearmProps, passportProps, vehicleProps } from './assets.ts';
import { pickProfile, type FakerPool } from './locales.ts';
import { romanise } from './names.ts';
import { newPersonFacts, personEntity, randomDate, REFERENCE_YEAR as YEAR, type PersonFacts } from './persons.ts';
import type { Random } from './random.ts';
import type { FtmEntity } from './types.ts';

/**
 * Synthetic cases: a criminal group with its members, their vehicles, guns, accounts and
 * payments; a wanted person; a stolen passport, car or gun; a missing person; a fraud
 * through a front company. Entities of a case come out referenced-first, so a stream cut
 * anywhere never points at an entity that was not written.
 */
export interface Case {
  crimeArea: CrimeArea;
  country: string;
  entities: FtmEntity[];
  /** Facts of the persons in the case, by entity id: duplicates are drawn from these. */
  persons: Map<string, PersonFacts>;
}

type Props = Record<string, string | string[] | undefined>;

class CaseWriter {
  readonly entities: FtmEntity[] = [];
  readonly persons = new Map<string, PersonFacts>();

  constructor(readonly rnd: Random, readonly fakers: FakerPool) {}

  add(schema: string, props: Props): string {
    const id = this.rnd.uuid();
    const properties: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(props)) {
      const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (values.length) properties[key] = [...new Set(values)];
    }
    this.entities.push({ id, schema, properties });
    return id;
  }

  person(facts: PersonFacts): string {
    const entity = personEntity(this.rnd, this.rnd.uuid(), facts);
    this.entities.push(entity);
    this.persons.set(entity.id, facts);
    return entity.id;
  }

  done(crimeArea: CrimeArea, country: string): Case {
    return { crimeArea, country, entities: this.entities, persons: this.persons };
  }
}

interface GroupKind {
  classification: string;
  crimeArea: CrimeArea;
  modus: string;
  event: string;
}

const GROUP_KINDS: readonly (readonly [GroupKind, number])[] = [
  [{ classification: 'mafia-type organisation', crimeArea: 'organised_crime', modus: 'Extortion of businesses, rigging of public contracts, laundering through construction companies.', event: 'raid' }, 3],
  [{ classification: 'drug trafficking cartel', crimeArea: 'drug_trafficking', modus: 'Cocaine shipped in reefer containers of fruit through the main ports; cash couriers back.', event: 'seizure' }, 4],
  [{ classification: 'street gang', crimeArea: 'organised_crime', modus: 'Armed robbery, retail drug dealing, intimidation of witnesses.', event: 'robbery' }, 2],
  [{ classification: 'migrant smuggling network', crimeArea: 'migrant_smuggling', modus: 'Overland transport in lorries, forged travel documents, payment through hawala.', event: 'arrest' }, 2],
  [{ classification: 'human trafficking ring', crimeArea: 'human_trafficking', modus: 'Recruitment through false job offers, debt bondage, sexual exploitation.', event: 'arrest' }, 2],
  [{ classification: 'money-laundering network', crimeArea: 'financial_crime', modus: 'Trade-based laundering, cash-intensive front businesses, crypto mixers.', event: 'meeting' }, 2],
  [{ classification: 'terrorist cell', crimeArea: 'terrorism', modus: 'Online radicalisation, self-financing through petty crime, procurement of weapons.', event: 'attack' }, 2],
  [{ classification: 'arms trafficking network', crimeArea: 'firearms_trafficking', modus: 'Reactivated deactivated rifles and converted alarm pistols sent by post.', event: 'seizure' }, 1],
  [{ classification: 'vehicle theft ring', crimeArea: 'vehicle_crime', modus: 'Keyless relay theft of SUVs, re-export in containers with cloned VINs.', event: 'seizure' }, 1],
  [{ classification: 'cybercrime group', crimeArea: 'cybercrime', modus: 'Ransomware affiliates; phishing kits; money mules cash out through crypto exchanges.', event: 'attack' }, 1],
  [{ classification: 'environmental crime network', crimeArea: 'environmental_crime', modus: 'Illegal export of waste and protected timber under false declarations.', event: 'seizure' }, 1],
];
const MEMBER_ROLES = ['lieutenant', 'enforcer', 'courier', 'money launderer', 'recruiter', 'logistics', 'member', 'member'];
const SEIZED = ['kg of cocaine', 'kg of cannabis resin', 'kg of heroin', 'kg of captagon tablets', 'firearms', 'kg of methamphetamine'];

/** A criminal group: its members (some of one family), memberships, and what they own, pay and do. */
function groupCase(w: CaseWriter): Case {
  const { rnd } = w;
  const profile = pickProfile(rnd);
  const kind = rnd.weighted(GROUP_KINDS);
  const boss = newPersonFacts(rnd, w.fakers, { profile, gender: 'male', ages: [35, 70] });
  const members: [string, PersonFacts][] = [[w.person(boss), boss]];
  const size = rnd.int(2, 6);
  for (let i = 0; i < size; i += 1) {
    const kin = rnd.chance(0.3);
    const facts = newPersonFacts(rnd, w.fakers, {
      profile: rnd.chance(0.8) ? profile : undefined,
      family: kin ? { native: boss.names.family, profile } : undefined,
      ages: [18, 60],
    });
    members.push([w.person(facts), facts]);
  }
  const template = rnd.pick(profile.groupNames);
  const groupName = template.replace('{name}', rnd.chance(0.6) ? boss.names.family : w.fakers.for(profile).location.city());
  const group = w.add('Organization', {
    name: groupName,
    alias: profile.script === 'Latin' ? undefined : romanise(groupName),
    classification: kind.classification,
    country: boss.country,
    incorporationDate: String(rnd.int(1985, YEAR - 1)),
    modusOperandi: kind.modus,
    topics: kind.crimeArea === 'terrorism' ? 'crime.terror' : 'crime',
  });
  members.forEach(([id], index) => {
    w.add('Membership', { member: id, organization: group, role: index === 0 ? 'leader' : rnd.pick(MEMBER_ROLES), startDate: String(rnd.int(1995, YEAR)) });
  });
  const [bossId] = members[0] ?? [];
  for (const [id, facts] of members.slice(1)) {
    if (facts.names.family === boss.names.family && bossId) {
      w.add('Family', { person: bossId, relative: id, relationship: rnd.pick(facts.gender === 'male' ? ['brother', 'son', 'nephew', 'cousin'] : ['sister', 'daughter', 'niece', 'wife']) });
    }
  }
  assetsOf(w, members, kind);
  if (rnd.chance(0.6)) {
    const involved = rnd.sample(members, rnd.int(1, 3)).map(([id]) => id);
    const amount = rnd.int(2, 900);
    const city = rnd.pick(members)[1].birthPlace;
    const name = kind.event === 'seizure' ? `Seizure of ${amount} ${rnd.pick(SEIZED)}` : `${kind.event[0]?.toUpperCase() ?? ''}${kind.event.slice(1)} in ${romanise(city) || city}`;
    w.add('Event', { name, date: randomDate(rnd, YEAR - 6, YEAR), eventType: kind.event, location: city, country: boss.country, involved: [...involved, group] });
  }
  return w.done(kind.crimeArea, boss.country);
}

/** Vehicles, guns, accounts and payments among a group's members. */
function assetsOf(w: CaseWriter, members: [string, PersonFacts][], kind: GroupKind): void {
  const { rnd } = w;
  for (let i = rnd.int(0, 2); i > 0; i -= 1) {
    const [owner, facts] = rnd.pick(members);
    const vehicle = w.add('Vehicle', vehicleProps(rnd, facts.country, owner, rnd.pick(['wanted', 'stolen', 'seized'])));
    w.add('Ownership', { owner, asset: vehicle, role: 'registered keeper', startDate: randomDate(rnd, YEAR - 5, YEAR) });
  }
  for (let i = kind.crimeArea === 'firearms_trafficking' ? rnd.int(2, 4) : rnd.int(0, 1); i > 0; i -= 1) {
    const [holder, facts] = rnd.pick(members);
    w.add('Firearm', firearmProps(rnd, facts.country, holder, rnd.pick(['trafficked', 'seized', 'stolen'])));
  }
  const accounts: [string, string, string][] = [];
  for (let i = rnd.int(1, 3); i > 0; i -= 1) {
    const [holder, facts] = rnd.pick(members);
    const props = bankAccountProps(rnd, facts.country, holder);
    accounts.push([w.add('BankAccount', props), holder, String(props.currency)]);
  }
  for (let i = accounts.length > 1 ? rnd.int(1, 4) : 0; i > 0; i -= 1) {
    const [from, to] = rnd.sample(accounts, 2);
    if (!from || !to || from[1] === to[1]) continue;
    w.add('Payment', {
      payer: from[1],
      beneficiary: to[1],
      payerAccount: from[0],
      beneficiaryAccount: to[0],
      amount: `${rnd.int(900, 250_000)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
      currency: from[2],
      date: randomDate(rnd, YEAR - 4, YEAR),
      purpose: rnd.pick(['loan repayment', 'consulting services', 'invoice 2024/117', 'gift', 'car purchase', 'rent']),
    });
  }
}

function wantedCase(w: CaseWriter): Case {
  const { rnd } = w;
  const area = rnd.weighted<CrimeArea>([['fugitive', 4], ['terrorism', 2], ['violent_crime', 2], ['crimes_against_children', 1], ['corruption', 1]]);
  const facts = newPersonFacts(rnd, w.fakers, { ages: [19, 68] });
  const id = w.person(facts);
  if (rnd.chance(0.5)) w.add('Passport', passportProps(rnd, id, facts, rnd.pick(['valid', 'valid', 'lost', 'revoked'])));
  if (rnd.chance(0.3)) {
    const relative = newPersonFacts(rnd, w.fakers, { family: { native: facts.names.family, profile: facts.profile } });
    w.add('Family', { person: id, relative: w.person(relative), relationship: rnd.pick(['brother', 'sister', 'spouse', 'father', 'mother', 'cousin']) });
  }
  if (rnd.chance(0.2)) {
    const associate = newPersonFacts(rnd, w.fakers);
    w.add('Associate', { person: id, associate: w.person(associate), relationship: rnd.pick(['business partner', 'co-defendant', 'cellmate', 'accomplice']) });
  }
  return w.done(area, facts.country);
}

function documentCase(w: CaseWriter): Case {
  const facts = newPersonFacts(w.rnd, w.fakers);
  const id = w.person(facts);
  w.add('Passport', passportProps(w.rnd, id, facts, w.rnd.pick(['stolen', 'lost', 'stolen', 'revoked'])));
  return w.done('other', facts.country);
}

function vehicleCase(w: CaseWriter): Case {
  const { rnd } = w;
  const facts = newPersonFacts(rnd, w.fakers, { ages: [22, 80] });
  const owner = w.person(facts);
  const vehicle = w.add('Vehicle', vehicleProps(rnd, facts.country, owner, rnd.pick(['stolen', 'stolen', 'recovered'])));
  w.add('Ownership', { owner, asset: vehicle, role: 'owner', startDate: randomDate(rnd, YEAR - 8, YEAR - 1) });
  if (rnd.chance(0.5)) w.add('Event', { name: 'Theft of a motor vehicle', eventType: 'theft', date: randomDate(rnd, YEAR - 3, YEAR), location: facts.birthPlace, country: facts.country, involved: vehicle });
  return w.done('vehicle_crime', facts.country);
}

function firearmCase(w: CaseWriter): Case {
  const { rnd } = w;
  const facts = newPersonFacts(rnd, w.fakers, { ages: [20, 75] });
  const holder = w.person(facts);
  const gun = w.add('Firearm', firearmProps(rnd, facts.country, holder, rnd.pick(['stolen', 'lost', 'trafficked', 'seized'])));
  if (rnd.chance(0.4)) w.add('Event', { name: 'Firearm seizure at a border crossing', eventType: 'seizure', date: randomDate(rnd, YEAR - 3, YEAR), country: facts.country, involved: [gun, holder] });
  return w.done('firearms_trafficking', facts.country);
}

function missingCase(w: CaseWriter): Case {
  const { rnd } = w;
  const facts = newPersonFacts(rnd, w.fakers, { ages: [12, 85] });
  const id = w.person(facts);
  const relative = newPersonFacts(rnd, w.fakers, { family: { native: facts.names.family, profile: facts.profile }, ages: [30, 80] });
  w.add('Family', { person: id, relative: w.person(relative), relationship: rnd.pick(['mother', 'father', 'spouse', 'sibling']), summary: 'Reported the disappearance' });
  return w.done('missing_person', facts.country);
}

/** A front company, its directors, its accounts and the payments through them. */
function fraudCase(w: CaseWriter): Case {
  const { rnd } = w;
  const director = newPersonFacts(rnd, w.fakers, { ages: [28, 70] });
  const faker = w.fakers.for(director.profile);
  const directorId = w.person(director);
  const company = w.add('Company', {
    name: faker.company.name(),
    jurisdiction: rnd.chance(0.7) ? director.country : rnd.pick(['ae', 'cy', 'gb', 'pa', 'vg', 'mt']),
    registrationNumber: rnd.pattern('9999999999'),
    incorporationDate: randomDate(rnd, YEAR - 15, YEAR - 1),
    sector: rnd.pick(['import-export', 'real estate', 'construction', 'used cars', 'consulting', 'restaurants']),
    address: director.address,
  });
  w.add('Directorship', { director: directorId, organization: company, role: rnd.pick(['director', 'managing director', 'nominee director']), startDate: randomDate(rnd, YEAR - 10, YEAR) });
  const beneficiary = newPersonFacts(rnd, w.fakers, { profile: director.profile });
  const beneficiaryId = w.person(beneficiary);
  const from = w.add('BankAccount', bankAccountProps(rnd, director.country, company));
  const toProps = bankAccountProps(rnd, beneficiary.country, beneficiaryId);
  const to = w.add('BankAccount', toProps);
  for (let i = rnd.int(1, 4); i > 0; i -= 1) {
    w.add('Payment', {
      payer: company, beneficiary: beneficiaryId, payerAccount: from, beneficiaryAccount: to,
      amount: `${rnd.int(5_000, 2_000_000)}.00`, currency: currencyOf(String(toProps.country)),
      date: randomDate(rnd, YEAR - 3, YEAR), purpose: rnd.pick(['consulting fees', 'commission', 'purchase of goods', 'loan']),
    });
  }
  return w.done(rnd.chance(0.7) ? 'financial_crime' : 'corruption', director.country);
}

function cyberCase(w: CaseWriter): Case {
  const { rnd } = w;
  const facts = newPersonFacts(rnd, w.fakers, { ages: [17, 45] });
  const id = w.person(facts);
  w.add('CryptoWallet', { publicKey: bitcoinAddress(rnd), currency: 'BTC', holder: id });
  w.add('Email', { email: facts.email, holder: id });
  if (rnd.chance(0.5)) w.add('Event', { name: 'Ransomware attack on a hospital', eventType: 'attack', date: randomDate(rnd, YEAR - 3, YEAR), involved: id });
  return w.done('cybercrime', facts.country);
}

const CASES: readonly (readonly [(w: CaseWriter) => Case, number])[] = [
  [groupCase, 3], [wantedCase, 3], [documentCase, 2], [vehicleCase, 2], [firearmCase, 1], [missingCase, 1], [fraudCase, 2], [cyberCase, 1],
];

/** One synthetic case of a kind drawn by weight. */
export function nextCase(rnd: Random, fakers: FakerPool): Case {
  return rnd.weighted(CASES)(new CaseWriter(rnd, fakers));
}
