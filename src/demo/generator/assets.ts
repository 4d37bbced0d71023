import { bic, FIREARM_MAKES, firearmSerial, iban, IBAN_COUNTRIES, plate, vin } from './identifiers.ts';
import { REFERENCE_YEAR, randomDate, type PersonFacts } from './persons.ts';
import type { Random } from './random.ts';

/**
 * Properties of the things people own or carry — passports, vehicles, firearms, bank
 * accounts — shaped like the real ones, identifiers included.
 */
type Props = Record<string, string | string[] | undefined>;

export function passportProps(rnd: Random, holderId: string, facts: PersonFacts, status = rnd.weighted([['valid', 5], ['stolen', 3], ['lost', 2], ['revoked', 1]] as const)): Props {
  const issued = randomDate(rnd, REFERENCE_YEAR - 11, REFERENCE_YEAR - 1);
  const expires = `${Number(issued.slice(0, 4)) + 10}${issued.slice(4)}`.replace(/-02-29$/, '-02-28');
  return {
    number: facts.passport,
    type: 'passport',
    country: facts.country,
    holder: holderId,
    surname: [facts.names.family, facts.roman.family.toUpperCase()],
    givenName: [facts.names.given, facts.roman.given.toUpperCase()],
    birthDate: facts.birthDate,
    gender: facts.gender,
    startDate: issued,
    endDate: expires,
    documentStatus: status,
    reportedDate: status === 'stolen' || status === 'lost' ? randomDate(rnd, Math.max(Number(issued.slice(0, 4)) + 1, REFERENCE_YEAR - 4), REFERENCE_YEAR) : undefined,
  };
}

const MAKES: readonly { make: string; wmi: string; models: string[]; type: string }[] = [
  { make: 'Renault', wmi: 'VF1', models: ['Clio', 'Mégane', 'Kangoo', 'Master'], type: 'car' },
  { make: 'Peugeot', wmi: 'VF3', models: ['208', '308', '3008', 'Partner'], type: 'car' },
  { make: 'Volkswagen', wmi: 'WVW', models: ['Golf', 'Passat', 'Polo', 'Tiguan'], type: 'car' },
  { make: 'BMW', wmi: 'WBA', models: ['320d', 'X5', 'M3', '530e'], type: 'car' },
  { make: 'Mercedes-Benz', wmi: 'WDD', models: ['C 220 d', 'E 350', 'GLE 400', 'Sprinter'], type: 'car' },
  { make: 'Audi', wmi: 'WAU', models: ['A4', 'A6', 'Q7', 'RS6'], type: 'car' },
  { make: 'Toyota', wmi: 'JTD', models: ['Corolla', 'Land Cruiser', 'Hilux', 'RAV4'], type: 'car' },
  { make: 'Hyundai', wmi: 'KMH', models: ['Tucson', 'i30', 'Santa Fe'], type: 'car' },
  { make: 'Kia', wmi: 'KNA', models: ['Sportage', 'Ceed', 'Sorento'], type: 'car' },
  { make: 'Land Rover', wmi: 'SAL', models: ['Range Rover', 'Discovery', 'Defender'], type: 'car' },
  { make: 'Dacia', wmi: 'UU1', models: ['Duster', 'Logan', 'Sandero'], type: 'car' },
  { make: 'SEAT', wmi: 'VSS', models: ['Ibiza', 'León', 'Ateca'], type: 'car' },
  { make: 'Škoda', wmi: 'TMB', models: ['Octavia', 'Superb', 'Kodiaq'], type: 'car' },
  { make: 'Fiat', wmi: 'ZFA', models: ['Ducato', 'Panda', '500'], type: 'van' },
  { make: 'Yamaha', wmi: 'JYA', models: ['TMAX 560', 'MT-07', 'R1'], type: 'motorcycle' },
  { make: 'Volvo Trucks', wmi: 'YV2', models: ['FH16', 'FM 460'], type: 'lorry' },
];
const COLOURS = ['black', 'white', 'silver', 'grey', 'dark blue', 'red', 'green', 'beige'];

export function vehicleProps(rnd: Random, country: string, ownerId: string | undefined, status: string): Props {
  const maker = rnd.pick(MAKES);
  const year = rnd.int(2005, REFERENCE_YEAR);
  return {
    name: undefined,
    registrationNumber: plate(rnd, country),
    vinCode: vin(rnd, maker.wmi, year),
    type: maker.type,
    make: maker.make,
    model: rnd.pick(maker.models),
    color: rnd.pick(COLOURS),
    buildDate: String(year),
    country,
    owner: ownerId,
    vehicleStatus: status,
  };
}

const FIREARM_MODELS: Record<string, [string, string, string][]> = {
  Glock: [['17', '9×19mm', 'pistol'], ['19', '9×19mm', 'pistol'], ['26', '9×19mm', 'pistol']],
  Beretta: [['92FS', '9×19mm', 'pistol'], ['PX4 Storm', '9×19mm', 'pistol']],
  'CZ (Česká zbrojovka)': [['75 B', '9×19mm', 'pistol'], ['Scorpion Evo 3', '9×19mm', 'submachine gun']],
  Zastava: [['M70', '7.62×39mm', 'assault rifle'], ['M57', '7.62×25mm', 'pistol']],
  Kalashnikov: [['AKM', '7.62×39mm', 'assault rifle'], ['AK-74', '5.45×39mm', 'assault rifle']],
  'Smith & Wesson': [['M&P9', '9×19mm', 'pistol'], ['686', '.357 Magnum', 'revolver']],
  'SIG Sauer': [['P226', '9×19mm', 'pistol'], ['P320', '9×19mm', 'pistol']],
  Walther: [['PPK', '.380 ACP', 'pistol'], ['P99', '9×19mm', 'pistol']],
  Taurus: [['G2C', '9×19mm', 'pistol'], ['PT92', '9×19mm', 'pistol']],
  Norinco: [['Type 54', '7.62×25mm', 'pistol'], ['Type 56', '7.62×39mm', 'assault rifle']],
  'Heckler & Koch': [['MP5', '9×19mm', 'submachine gun'], ['G3', '7.62×51mm', 'rifle']],
  Browning: [['Hi-Power', '9×19mm', 'pistol'], ['A5', '12 gauge', 'shotgun']],
};

export function firearmProps(rnd: Random, country: string, holderId: string | undefined, status: string): Props {
  const make = rnd.pick(FIREARM_MAKES);
  const [model, caliber, firearmType] = rnd.pick(FIREARM_MODELS[make] ?? [['unknown', 'unknown', 'pistol']]);
  return { serialNumber: firearmSerial(rnd, make), make, model, caliber, firearmType, holder: holderId, firearmStatus: status, country };
}

const BANKS: Record<string, string[]> = {
  fr: ['BNP Paribas', 'Société Générale', 'Crédit Agricole', 'La Banque Postale'],
  de: ['Deutsche Bank', 'Commerzbank', 'Sparkasse KölnBonn'],
  es: ['Banco Santander', 'BBVA', 'CaixaBank'],
  gb: ['Barclays', 'HSBC UK', 'Lloyds Bank', 'Monzo'],
  nl: ['ING', 'ABN AMRO', 'Rabobank'],
  be: ['KBC', 'Belfius'],
  ch: ['UBS', 'PostFinance', 'Banque Cantonale de Genève'],
  it: ['UniCredit', 'Intesa Sanpaolo'],
  pt: ['Millennium bcp', 'Caixa Geral de Depósitos'],
  gr: ['Piraeus Bank', 'Alpha Bank'],
  tr: ['Ziraat Bankası', 'Garanti BBVA', 'İş Bankası'],
  jo: ['Arab Bank', 'Housing Bank for Trade and Finance'],
  ae: ['Emirates NBD', 'Mashreq', 'First Abu Dhabi Bank'],
  sa: ['Al Rajhi Bank', 'Saudi National Bank'],
  br: ['Banco do Brasil', 'Itaú Unibanco', 'Bradesco', 'Nubank'],
  lb: ['Bank Audi', 'BLOM Bank'],
  ua: ['PrivatBank', 'Oschadbank'],
  il: ['Bank Hapoalim', 'Bank Leumi'],
};
const CURRENCY: Record<string, string> = { gb: 'GBP', ch: 'CHF', tr: 'TRY', jo: 'JOD', ae: 'AED', sa: 'SAR', br: 'BRL', lb: 'USD', ua: 'UAH', il: 'ILS' };
export const currencyOf = (country: string): string => CURRENCY[country] ?? 'EUR';
// Where accounts of people from countries without IBANs are often found.
const ABROAD = ['ae', 'gb', 'ch', 'tr', 'nl', 'lb'];

export function bankAccountProps(rnd: Random, homeCountry: string, holderId: string): Props {
  const country = IBAN_COUNTRIES.includes(homeCountry) && rnd.chance(0.75) ? homeCountry : rnd.pick(ABROAD);
  return {
    iban: iban(rnd, country),
    bic: bic(rnd, country),
    bankName: rnd.pick(BANKS[country] ?? ['Unknown bank']),
    accountType: rnd.pick(['current account', 'savings account', 'business account']),
    holder: holderId,
    country,
    currency: currencyOf(country),
    openingDate: randomDate(rnd, REFERENCE_YEAR - 12, REFERENCE_YEAR - 1),
  };
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
export const bitcoinAddress = (rnd: Random): string => `bc1q${Array.from({ length: 38 }, () => rnd.pick([...BECH32])).join('')}`;
