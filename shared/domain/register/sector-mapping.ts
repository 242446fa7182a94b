import type { Sector } from '../vocabulary.ts';

/**
 * How CQC's published register ("HSCA Active Locations", column `Provider Type/Sector`) maps to our
 * sectors (issue 16). Data, to be reviewed: one row per published value, nothing inferred.
 * Independent healthcare splits three ways (DOMAIN.md "Who is who" names each as its own sector):
 * community interest companies by their name, national independent mental health providers by a
 * list staff keep (GET/PUT/DELETE /register/national-mental-health-providers), the rest as is.
 */
export const PUBLISHED_SECTORS: Readonly<Record<string, Sector>> = {
  'NHS Healthcare Organisation': 'nhs-trust',
  'Social Care Org': 'adult-social-care',
  'Primary Medical Services': 'primary-medical-services',
  'Primary Dental Care': 'primary-dental-care',
  'Independent Ambulance': 'independent-ambulance',
  'Independent Healthcare Org': 'independent-healthcare',
};

/** The published value whose providers split by name and by the staff list. */
const INDEPENDENT_HEALTHCARE = 'Independent Healthcare Org';

/** A community interest company's name ends so (Companies Act 2006 s.33 endings, any case, trailing dots ignored). */
const CIC_NAME = /(?:^|[\s(])(?:cic|c\.i\.c|community interest company)[\s.)]*$/i;

export const isCommunityInterestCompanyName = (name: string): boolean => CIC_NAME.test(name.trim());

export type SectorPlacement =
  | { placed: true; sector: Sector; because: 'published' | 'community-interest-company' | 'national-mental-health' }
  | { placed: false; reason: string };

/**
 * The sector of a provider as published. A value not in the table is not placed (the row is
 * refused and reported, never guessed).
 */
export function placeSector(
  provider: { registrationId: string; name: string; publishedSector: string },
  nationalMentalHealth: ReadonlySet<string>,
): SectorPlacement {
  const published = provider.publishedSector.trim();
  const sector = PUBLISHED_SECTORS[published];
  if (!sector) {
    return {
      placed: false,
      reason: published ? `unknown sector "${published}" in Provider Type/Sector` : 'no Provider Type/Sector',
    };
  }
  if (published === INDEPENDENT_HEALTHCARE) {
    if (nationalMentalHealth.has(provider.registrationId)) {
      return { placed: true, sector: 'independent-mental-health', because: 'national-mental-health' };
    }
    if (isCommunityInterestCompanyName(provider.name)) {
      return { placed: true, sector: 'community-interest-company', because: 'community-interest-company' };
    }
  }
  return { placed: true, sector, because: 'published' };
}
