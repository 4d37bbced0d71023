import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.ts';

const world = useTestApp();

describe('GET /api/model?locale=', () => {
  type Model = { schemata: { name: string; label: string; plural: string; properties: { name: string; label: string }[] }[] };
  const person = async (query: string) => {
    const response = await world.app.inject({ method: 'GET', url: `/api/model${query}` });
    const schema = response.json<Model>().schemata.find((s) => s.name === 'Person');
    return { label: schema?.label, plural: schema?.plural, birthDate: schema?.properties.find((p) => p.name === 'birthDate')?.label };
  };

  it('serves the labels in the requested language, English by default', async () => {
    expect(await person('')).toEqual({ label: 'Person', plural: 'Persons', birthDate: 'Date of birth' });
    expect(await person('?locale=fr')).toEqual({ label: 'Personne', plural: 'Personnes', birthDate: 'Date de naissance' });
    expect(await person('?locale=es')).toEqual({ label: 'Persona', plural: 'Personas', birthDate: 'Fecha de nacimiento' });
    expect(await person('?locale=ar')).toEqual({ label: 'شخص', plural: 'أشخاص', birthDate: 'تاريخ الميلاد' });
  });

  it('refuses a language it does not serve, naming the field', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/model?locale=de' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', problems: [expect.objectContaining({ field: 'querystring.locale' })] });
  });
});
