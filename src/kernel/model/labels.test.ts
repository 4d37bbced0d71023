import { describe, expect, it } from 'vitest';
import { LABELS, propertyKey, propertyLabel, schemaLabels, type TranslatedLocale } from './labels.ts';
import { concreteSchemata, getSchema } from './registry.ts';
import { SCHEMATA } from './schemata.ts';

const LOCALES = Object.keys(LABELS) as TranslatedLocale[];
const FIELDS = ['label', 'plural', 'description'] as const;

/** Every key a language must translate: each concrete schema's texts and each declared property. */
function requiredKeys(): string[] {
  const schemata = concreteSchemata().flatMap((s) => FIELDS.map((field) => `schemata.${s.name}.${field}`));
  const properties = Object.entries(SCHEMATA).flatMap(([schema, spec]) => Object.keys(spec.properties).map((p) => `properties.${propertyKey(schema, p)}`));
  return [...new Set([...schemata, ...properties])].sort();
}

function presentKeys(locale: TranslatedLocale): string[] {
  const { schemata, properties } = LABELS[locale];
  return [
    ...Object.entries(schemata).flatMap(([name, texts]) => FIELDS.filter((field) => texts?.[field].trim()).map((field) => `schemata.${name}.${field}`)),
    ...Object.entries(properties).filter(([, text]) => text?.trim()).map(([key]) => `properties.${key}`),
  ].sort();
}

describe('the data model’s translations', () => {
  it.each(LOCALES)('translate every concrete schema and every property into %s (lists what is missing)', (locale) => {
    const present = new Set(presentKeys(locale));
    expect(requiredKeys().filter((key) => !present.has(key))).toEqual([]);
  });

  it.each(LOCALES)('have no key in %s that the model does not use (a typo or a removed property)', (locale) => {
    const required = new Set(requiredKeys());
    expect(presentKeys(locale).filter((key) => !required.has(key))).toEqual([]);
  });

  it('key a property by schema where that schema labels it its own way', () => {
    expect(propertyKey('Person', 'birthDate')).toBe('birthDate');
    expect(propertyKey('Email', 'email')).toBe('Email.email');
    expect(propertyKey('LegalEntity', 'email')).toBe('email');
    const passport = getSchema('Passport');
    const person = getSchema('Person');
    if (!passport || !person) throw new Error('schemata missing');
    expect([propertyLabel(person, 'gender', 'es'), propertyLabel(passport, 'gender', 'es')]).toEqual(['Género', 'Sexo']);
    // Inherited properties use the translation of the schema that declares them.
    expect(propertyLabel(passport, 'holder', 'fr')).toBe('Titulaire');
  });

  it('fall back to English for anything untranslated', () => {
    const person = getSchema('Person');
    if (!person) throw new Error('schemata missing');
    const saved = { schema: LABELS.fr.schemata.Person, property: LABELS.fr.properties.birthDate };
    try {
      delete LABELS.fr.schemata.Person;
      delete LABELS.fr.properties.birthDate;
      expect(schemaLabels(person, 'fr').label).toBe('Person');
      expect(propertyLabel(person, 'birthDate', 'fr')).toBe('Date of birth');
    } finally {
      LABELS.fr.schemata.Person = saved.schema;
      LABELS.fr.properties.birthDate = saved.property;
    }
  });
});
