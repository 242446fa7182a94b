import { describe, expect, it } from 'vitest';
import {
  isCommunityInterestCompanyName,
  PUBLISHED_SECTORS,
  placeSector,
} from '../../shared/domain/register/sector-mapping.ts';

const NONE = new Set<string>();
const place = (publishedSector: string, name = 'Example Ltd', marked: ReadonlySet<string> = NONE) =>
  placeSector({ registrationId: '1-100', name, publishedSector }, marked);

describe('placing a published provider in our sectors (issue 16)', () => {
  it.each([
    ['NHS Healthcare Organisation', 'nhs-trust'],
    ['Social Care Org', 'adult-social-care'],
    ['Primary Medical Services', 'primary-medical-services'],
    ['Primary Dental Care', 'primary-dental-care'],
    ['Independent Ambulance', 'independent-ambulance'],
    ['Independent Healthcare Org', 'independent-healthcare'],
  ])('maps "%s" to %s', (published, sector) => {
    expect(place(published)).toEqual({ placed: true, sector, because: 'published' });
  });

  it('keeps exactly the six published values, nothing inferred', () => {
    expect(Object.keys(PUBLISHED_SECTORS)).toHaveLength(6);
  });

  it.each([
    'Bright Futures CIC',
    'Bright Futures C.I.C.',
    'Bright Futures C.I.C',
    'Bright Futures Community Interest Company',
    'bright futures community interest company.',
    'Bright Futures (CIC)',
  ])('places the independent healthcare provider "%s" as a community interest company', (name) => {
    expect(place('Independent Healthcare Org', name)).toMatchObject({ sector: 'community-interest-company' });
  });

  it.each(['Cicely House Ltd', 'Civic Health CICERO', 'Magic Clinic', 'CIC Health Ltd'])(
    'does not take "%s" for a community interest company (the ending decides)',
    (name) => {
      expect(isCommunityInterestCompanyName(name)).toBe(false);
    },
  );

  it('leaves a social care CIC in adult social care: only independent healthcare splits', () => {
    expect(place('Social Care Org', 'Caring Hands CIC')).toMatchObject({ sector: 'adult-social-care' });
  });

  it('places a provider on the staff list of national mental health providers there, before its name', () => {
    const marked = new Set(['1-100']);

    expect(place('Independent Healthcare Org', 'Minds Together CIC', marked)).toEqual({
      placed: true,
      sector: 'independent-mental-health',
      because: 'national-mental-health',
    });
  });

  it.each([
    ['an unknown value', 'Hospice Services', 'unknown sector "Hospice Services" in Provider Type/Sector'],
    ['a blank value', '  ', 'no Provider Type/Sector'],
    ['a value in another case', 'social care org', 'unknown sector "social care org" in Provider Type/Sector'],
  ])('refuses %s with the reason, never a guess', (_case, published, reason) => {
    expect(place(published)).toEqual({ placed: false, reason });
  });
});
