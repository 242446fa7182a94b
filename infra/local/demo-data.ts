import { ulid } from 'ulid';
import type { Actor } from '../../shared/domain/actor.ts';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/vocabulary.ts';
import type { CreateProviderInput } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import { addLocation } from '../../shared/use-cases/add-location.ts';
import type { RelationshipDeps } from '../../shared/use-cases/allocate-relationship.ts';
import { allocateCorporateLead, allocateRelationshipHolder } from '../../shared/use-cases/allocate-relationship.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';

/**
 * Demo data for the local stack, written through the same use cases the API calls (so it has
 * its audit trail too): staff in every role and providers of each kind the policy treats apart.
 */
const SEED: Actor = { type: 'system', id: 'demo-seed' };

const STAFF_NAMES: Record<StaffRole, string> = {
  'regulatory-coordinator': 'Rhea Coles',
  assessor: 'Amir Shah',
  inspector: 'Isla Pearce',
  'inspection-manager': 'Imran Malik',
  'head-of-inspection': 'Hannah Okafor',
  'operations-manager': 'Owen Murray',
  'senior-specialist': 'Sofia Reyes',
  'deputy-director': 'David Dunmore',
  'medicines-team': 'Megan Tait',
  'corporate-relationship-manager': 'Chris Rowe',
  admin: 'Ada Admin',
};

const contact = (name: string, roles: CreateProviderInput['contacts'][number]['roles']) => ({
  name,
  email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@provider.localhost`,
  roles,
});

const PROVIDERS: ReadonlyArray<CreateProviderInput & { locations: string[] }> = [
  {
    name: 'Northbridge University Hospitals NHS Foundation Trust',
    sector: 'nhs-trust',
    marketOversight: false,
    registrationId: 'RNB',
    contacts: [
      contact('Priya Natarajan', ['chief-executive', 'executive-board-member']),
      contact('Tom Ellis', ['executive-board-member']),
      contact('Grace Lin', ['medicines-optimisation-lead']),
    ],
    locations: ['Northbridge General Hospital', 'Northbridge Community Hospital'],
  },
  {
    name: 'Eastvale Mental Health NHS Trust',
    sector: 'nhs-trust',
    marketOversight: false,
    registrationId: 'REV',
    contacts: [contact('Martin Cole', ['chief-executive', 'executive-board-member'])],
    locations: ['Eastvale House'],
  },
  {
    name: 'Harbour Community Health CIC',
    sector: 'community-interest-company',
    marketOversight: false,
    contacts: [contact('Leah Byrne', ['chief-executive', 'executive-board-member'])],
    locations: ['Harbour Walk-in Centre'],
  },
  {
    name: 'Cedar Private Hospitals Ltd',
    sector: 'independent-healthcare',
    marketOversight: false,
    contacts: [contact('Nadia Farouk', ['chief-executive'])],
    locations: ['Cedar Hospital Leeds', 'Cedar Hospital York', 'Cedar Clinic Harrogate', 'Cedar Clinic Ripon'],
  },
  {
    name: 'Willow Care Homes Group',
    sector: 'adult-social-care',
    marketOversight: true,
    contacts: [contact('Peter Hale', ['chief-executive'])],
    locations: ['Willow Court', 'Willow Lodge', 'Willow House'],
  },
  {
    name: 'Meadow View Care Home',
    sector: 'adult-social-care',
    marketOversight: false,
    contacts: [contact('Joan Price', ['other'])],
    locations: ['Meadow View'],
  },
];

export interface DemoData {
  staff: Staff[];
  providerIds: string[];
}

export async function seedDemoData(deps: RelationshipDeps, now: Date = new Date()): Promise<DemoData> {
  const store = deps.register;
  const context = { actor: SEED, now, newId: ulid };
  const staff: Staff[] = [];
  for (const role of STAFF_ROLES) {
    const name = STAFF_NAMES[role];
    const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@regulator.localhost`;
    staff.push(await registerStaff(store, { name, email, roles: [role] }, context));
  }
  const providerIds: string[] = [];
  for (const { locations, ...input } of PROVIDERS) {
    const provider = await registerProvider(store, input, context);
    for (const name of locations) {
      await addLocation(deps, provider.providerId, { name, significantRisk: false }, context);
    }
    providerIds.push(provider.providerId);
  }
  // Relationships: the demo inspector holds the trusts, the CIC and the independent group (R-REL-1);
  // the independent group and the care group get corporate leads by band (R-CORP-2, R-CORP-4).
  // The single care home is left without a holder, so its engagement plan shows what is missing.
  const byRole = (role: StaffRole) => staff.find((member) => member.roles.includes(role))?.staffId ?? '';
  const reason = 'Demo allocation';
  for (const providerId of providerIds.slice(0, 4)) {
    await allocateRelationshipHolder(deps, providerId, { staffId: byRole('inspector'), reason }, context);
  }
  const [, , , independent, careGroup] = providerIds;
  if (independent) {
    await allocateCorporateLead(deps, independent, { staffId: byRole('inspection-manager'), reason }, context);
  }
  if (careGroup) {
    await allocateRelationshipHolder(deps, careGroup, { staffId: byRole('head-of-inspection'), reason }, context);
    await allocateCorporateLead(
      deps,
      careGroup,
      { staffId: byRole('corporate-relationship-manager'), reason },
      context,
    );
  }
  return { staff, providerIds };
}
