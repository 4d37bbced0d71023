import type { PropertyTypeName } from './property-types.ts';

/**
 * The one declaration of every record type. Validation, storage, the API's JSON schemas,
 * import/export mappings and the web forms are all derived from this table.
 * Names and properties follow FollowTheMoney (https://followthemoney.tech) so OpenSanctions
 * and Aleph data load as they are; Passerelle additions are marked `// passerelle`.
 */
export interface PropertySpec {
  type: PropertyTypeName;
  label: string;
  /** For `entity` properties: the schema the referenced record must be (or extend). */
  range?: string;
  /** Values people match on: names, identifiers, dates of birth. */
  matchable?: boolean;
}

export interface SchemaSpec {
  label: string;
  plural: string;
  description: string;
  extends?: string[];
  abstract?: boolean;
  /** Properties whose first value names the record in lists. */
  caption: string[];
  /** Shown first in forms and record pages. */
  featured: string[];
  required?: string[];
  /** For relation schemata: the two ends and how to read the link. */
  edge?: { source: string; target: string; label: string; directed: boolean };
  properties: Record<string, PropertySpec>;
}

const p = (type: PropertyTypeName, label: string, extra: Partial<PropertySpec> = {}): PropertySpec => ({ type, label, ...extra });
const ref = (label: string, range: string): PropertySpec => ({ type: 'entity', label, range });
const interval = {
  startDate: p('date', 'Start date'),
  endDate: p('date', 'End date'),
  summary: p('text', 'Summary'),
  role: p('string', 'Role'),
  status: p('string', 'Status'),
};

export const SCHEMATA = {
  Thing: {
    label: 'Thing',
    plural: 'Things',
    description: 'Anything a record can be about.',
    abstract: true,
    caption: ['name'],
    featured: ['name'],
    properties: {
      name: p('name', 'Name', { matchable: true }),
      alias: p('name', 'Other name (a.k.a.)', { matchable: true }),
      previousName: p('name', 'Previous name', { matchable: true }),
      weakAlias: p('name', 'Weak alias'),
      summary: p('text', 'Summary'),
      description: p('text', 'Description'),
      notes: p('text', 'Notes'),
      country: p('country', 'Country'),
      topics: p('topic', 'Topics'),
      sourceUrl: p('url', 'Source link'),
      keywords: p('string', 'Keywords'),
    },
  },
  LegalEntity: {
    label: 'Legal entity',
    plural: 'Legal entities',
    description: 'A person or an organisation.',
    extends: ['Thing'],
    abstract: true,
    caption: ['name'],
    featured: ['name', 'country'],
    properties: {
      email: p('email', 'E-mail'),
      phone: p('phone', 'Phone'),
      address: p('address', 'Address'),
      idNumber: p('identifier', 'ID number', { matchable: true }),
      taxNumber: p('identifier', 'Tax number', { matchable: true }),
      registrationNumber: p('identifier', 'Registration number', { matchable: true }),
      jurisdiction: p('country', 'Jurisdiction'),
      website: p('url', 'Website'),
    },
  },
  Person: {
    label: 'Person',
    plural: 'Persons',
    description: 'A natural person: wanted, missing, suspected, linked to terrorism, or a victim.',
    extends: ['LegalEntity'],
    caption: ['name', 'lastName', 'firstName'],
    featured: ['name', 'birthDate', 'nationality', 'gender'],
    required: ['name'],
    properties: {
      title: p('string', 'Title'),
      firstName: p('name', 'First name', { matchable: true }),
      middleName: p('name', 'Middle name', { matchable: true }),
      lastName: p('name', 'Last name', { matchable: true }),
      fatherName: p('name', 'Patronymic / father’s name', { matchable: true }),
      motherName: p('name', 'Mother’s name'),
      birthDate: p('date', 'Date of birth', { matchable: true }),
      birthPlace: p('string', 'Place of birth'),
      birthCountry: p('country', 'Country of birth'),
      deathDate: p('date', 'Date of death'),
      nationality: p('country', 'Nationality', { matchable: true }),
      citizenship: p('country', 'Citizenship'),
      gender: p('gender', 'Gender'),
      passportNumber: p('identifier', 'Passport number', { matchable: true }),
      position: p('string', 'Position'),
      ethnicity: p('string', 'Ethnicity'),
      height: p('number', 'Height (cm)'),
      eyeColor: p('string', 'Eye colour'),
      hairColor: p('string', 'Hair colour'),
      distinguishingMarks: p('text', 'Distinguishing marks'), // passerelle
    },
  },
  Organization: {
    label: 'Organisation',
    plural: 'Organisations',
    description: 'An organisation, including an organised-crime or terrorist group.',
    extends: ['LegalEntity'],
    caption: ['name'],
    featured: ['name', 'classification', 'country'],
    required: ['name'],
    properties: {
      classification: p('string', 'Classification (e.g. criminal group, cartel, terrorist group)'),
      incorporationDate: p('date', 'Founded'),
      dissolutionDate: p('date', 'Dissolved'),
      modusOperandi: p('text', 'Modus operandi'), // passerelle
    },
  },
  Company: {
    label: 'Company',
    plural: 'Companies',
    description: 'A registered company, possibly a front.',
    extends: ['Organization'],
    caption: ['name'],
    featured: ['name', 'jurisdiction', 'registrationNumber'],
    required: ['name'],
    properties: {
      capital: p('number', 'Capital'),
      sector: p('string', 'Sector'),
    },
  },
  Identification: {
    label: 'Identity document',
    plural: 'Identity documents',
    description: 'An identity or travel document.',
    extends: ['Thing'],
    caption: ['number'],
    featured: ['number', 'type', 'country', 'holder', 'documentStatus'],
    required: ['number'],
    properties: {
      holder: ref('Holder', 'LegalEntity'),
      type: p('string', 'Type'),
      number: p('identifier', 'Number', { matchable: true }),
      authority: p('string', 'Issuing authority'),
      startDate: p('date', 'Issued'),
      endDate: p('date', 'Expires'),
      documentStatus: p('string', 'Status (valid, stolen, lost, revoked)'), // passerelle
      reportedDate: p('date', 'Reported stolen or lost on'), // passerelle
    },
  },
  Passport: {
    label: 'Passport',
    plural: 'Passports',
    description: 'A passport or other travel document.',
    extends: ['Identification'],
    caption: ['number'],
    featured: ['number', 'country', 'holder', 'documentStatus'],
    required: ['number'],
    properties: {
      surname: p('name', 'Surname', { matchable: true }),
      givenName: p('name', 'Given names', { matchable: true }),
      birthDate: p('date', 'Date of birth', { matchable: true }),
      birthPlace: p('string', 'Place of birth'),
      gender: p('gender', 'Sex'),
      personalNumber: p('identifier', 'Personal number', { matchable: true }),
    },
  },
  Vehicle: {
    label: 'Vehicle',
    plural: 'Vehicles',
    description: 'A car, lorry, motorcycle, vessel or aircraft.',
    extends: ['Thing'],
    caption: ['registrationNumber', 'vinCode', 'name'],
    featured: ['registrationNumber', 'vinCode', 'make', 'model', 'vehicleStatus'],
    properties: {
      registrationNumber: p('identifier', 'Plate / registration', { matchable: true }),
      vinCode: p('identifier', 'VIN', { matchable: true }),
      type: p('string', 'Type'),
      make: p('string', 'Make'), // passerelle
      model: p('string', 'Model'),
      color: p('string', 'Colour'), // passerelle
      buildDate: p('date', 'Built'),
      owner: ref('Owner', 'LegalEntity'),
      operator: ref('Operator', 'LegalEntity'),
      vehicleStatus: p('string', 'Status (stolen, wanted, recovered)'), // passerelle
    },
  },
  Firearm: {
    // passerelle: FollowTheMoney has no firearm schema.
    label: 'Firearm',
    plural: 'Firearms',
    description: 'A lost, stolen, trafficked or seized firearm.',
    extends: ['Thing'],
    caption: ['serialNumber', 'name'],
    featured: ['serialNumber', 'make', 'model', 'caliber', 'firearmStatus'],
    required: ['serialNumber'],
    properties: {
      serialNumber: p('identifier', 'Serial number', { matchable: true }),
      make: p('string', 'Make'),
      model: p('string', 'Model'),
      caliber: p('string', 'Calibre'),
      firearmType: p('string', 'Type (pistol, rifle, …)'),
      holder: ref('Holder', 'LegalEntity'),
      firearmStatus: p('string', 'Status (stolen, lost, trafficked, seized)'),
    },
  },
  Asset: {
    label: 'Asset',
    plural: 'Assets',
    description: 'Property of value: to trace, freeze or recover.',
    extends: ['Thing'],
    caption: ['name'],
    featured: ['name', 'amount', 'currency'],
    properties: {
      amount: p('number', 'Value'),
      currency: p('string', 'Currency'),
      assetStatus: p('string', 'Status (traced, frozen, seized, confiscated, returned)'), // passerelle
    },
  },
  BankAccount: {
    label: 'Bank account',
    plural: 'Bank accounts',
    description: 'An account at a bank or payment institution.',
    extends: ['Asset'],
    caption: ['iban', 'accountNumber', 'name'],
    featured: ['iban', 'accountNumber', 'bankName', 'holder'],
    properties: {
      accountNumber: p('identifier', 'Account number', { matchable: true }),
      iban: p('identifier', 'IBAN', { matchable: true }),
      bic: p('identifier', 'BIC / SWIFT'),
      bankName: p('string', 'Bank'),
      accountType: p('string', 'Account type'),
      holder: ref('Holder', 'LegalEntity'), // passerelle: FollowTheMoney links holders by Ownership
      openingDate: p('date', 'Opened'),
      closingDate: p('date', 'Closed'),
    },
  },
  CryptoWallet: {
    label: 'Crypto wallet',
    plural: 'Crypto wallets',
    description: 'A cryptocurrency address.',
    extends: ['Asset'],
    caption: ['publicKey', 'name'],
    featured: ['publicKey', 'currency', 'holder'],
    properties: {
      publicKey: p('identifier', 'Address', { matchable: true }),
      holder: ref('Holder', 'LegalEntity'),
    },
  },
  RealEstate: {
    label: 'Real estate',
    plural: 'Real estate',
    description: 'Land or buildings.',
    extends: ['Asset'],
    caption: ['name', 'address'],
    featured: ['address', 'registrationNumber'],
    properties: {
      address: p('address', 'Address'),
      registrationNumber: p('identifier', 'Land registry number', { matchable: true }),
    },
  },
  Phone: {
    // passerelle: FollowTheMoney keeps phones as properties; police data treats them as things.
    label: 'Phone',
    plural: 'Phones',
    description: 'A phone number or handset.',
    extends: ['Thing'],
    caption: ['number', 'name'],
    featured: ['number', 'holder'],
    required: ['number'],
    properties: {
      number: p('phone', 'Number', { matchable: true }),
      imei: p('identifier', 'IMEI', { matchable: true }),
      holder: ref('Holder', 'LegalEntity'),
    },
  },
  Email: {
    // passerelle
    label: 'E-mail address',
    plural: 'E-mail addresses',
    description: 'An e-mail address.',
    extends: ['Thing'],
    caption: ['email', 'name'],
    featured: ['email', 'holder'],
    required: ['email'],
    properties: {
      email: p('email', 'Address', { matchable: true }),
      holder: ref('Holder', 'LegalEntity'),
    },
  },
  Address: {
    label: 'Address',
    plural: 'Addresses',
    description: 'A postal address or place.',
    extends: ['Thing'],
    caption: ['full', 'name'],
    featured: ['full', 'city', 'country'],
    properties: {
      full: p('address', 'Full address', { matchable: true }),
      street: p('string', 'Street'),
      city: p('string', 'City'),
      postalCode: p('identifier', 'Postal code'),
      region: p('string', 'Region'),
      latitude: p('number', 'Latitude'),
      longitude: p('number', 'Longitude'),
    },
  },
  Event: {
    label: 'Event / incident',
    plural: 'Events',
    description: 'Something that happened: an incident, seizure, attack, arrest or meeting.',
    extends: ['Thing'],
    caption: ['name'],
    featured: ['name', 'date', 'location', 'country'],
    properties: {
      date: p('date', 'Date'),
      startDate: p('date', 'Start date'),
      endDate: p('date', 'End date'),
      eventType: p('string', 'Kind (seizure, attack, arrest, …)'), // passerelle
      location: p('string', 'Location'),
      involved: ref('Involved', 'Thing'),
      organizer: ref('Organiser', 'LegalEntity'),
    },
  },
  Membership: {
    label: 'Membership',
    plural: 'Memberships',
    description: 'A person’s membership of a group or organisation.',
    caption: ['role'],
    featured: ['member', 'organization', 'role'],
    required: ['member', 'organization'],
    edge: { source: 'member', target: 'organization', label: 'member of', directed: true },
    properties: { member: ref('Member', 'LegalEntity'), organization: ref('Organisation', 'Organization'), ...interval },
  },
  Family: {
    label: 'Family',
    plural: 'Family relations',
    description: 'A family tie between two persons.',
    caption: ['relationship'],
    featured: ['person', 'relative', 'relationship'],
    required: ['person', 'relative'],
    edge: { source: 'person', target: 'relative', label: 'related to', directed: false },
    properties: { person: ref('Person', 'Person'), relative: ref('Relative', 'Person'), relationship: p('string', 'Relationship'), ...interval },
  },
  Associate: {
    label: 'Associate',
    plural: 'Associates',
    description: 'A non-family tie between two persons.',
    caption: ['relationship'],
    featured: ['person', 'associate', 'relationship'],
    required: ['person', 'associate'],
    edge: { source: 'person', target: 'associate', label: 'associate of', directed: false },
    properties: { person: ref('Person', 'Person'), associate: ref('Associate', 'Person'), relationship: p('string', 'Relationship'), ...interval },
  },
  Ownership: {
    label: 'Ownership',
    plural: 'Ownerships',
    description: 'Who owns, holds or possesses an asset, vehicle, firearm or company.',
    caption: ['role'],
    featured: ['owner', 'asset', 'percentage'],
    required: ['owner', 'asset'],
    edge: { source: 'owner', target: 'asset', label: 'owns', directed: true },
    properties: { owner: ref('Owner', 'LegalEntity'), asset: ref('Asset', 'Thing'), percentage: p('number', 'Share (%)'), ...interval },
  },
  Directorship: {
    label: 'Directorship',
    plural: 'Directorships',
    description: 'Who directs or controls an organisation.',
    caption: ['role'],
    featured: ['director', 'organization', 'role'],
    required: ['director', 'organization'],
    edge: { source: 'director', target: 'organization', label: 'directs', directed: true },
    properties: { director: ref('Director', 'LegalEntity'), organization: ref('Organisation', 'Organization'), ...interval },
  },
  Payment: {
    label: 'Payment',
    plural: 'Payments',
    description: 'A payment or transfer of money.',
    caption: ['amount', 'purpose'],
    featured: ['payer', 'beneficiary', 'amount', 'currency', 'date'],
    required: ['payer', 'beneficiary'],
    edge: { source: 'payer', target: 'beneficiary', label: 'paid', directed: true },
    properties: {
      payer: ref('Payer', 'LegalEntity'),
      beneficiary: ref('Beneficiary', 'LegalEntity'),
      payerAccount: ref('Payer account', 'BankAccount'),
      beneficiaryAccount: ref('Beneficiary account', 'BankAccount'),
      amount: p('number', 'Amount'),
      currency: p('string', 'Currency'),
      date: p('date', 'Date'),
      purpose: p('text', 'Purpose'),
      ...interval,
    },
  },
} satisfies Record<string, SchemaSpec>;

export type SchemaName = keyof typeof SCHEMATA;
