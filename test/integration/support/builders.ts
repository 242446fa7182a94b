import { randomUUID } from 'node:crypto';
import type { CreateProviderInput } from '../../../shared/schemas/provider.ts';
import type { CreateStaffInput } from '../../../shared/schemas/staff.ts';

/** Small builders with unique names and addresses, so tests never collide on one DynamoDB Local. */
const unique = () => randomUUID().slice(0, 8);

export const aProvider = (overrides: Partial<CreateProviderInput> = {}): CreateProviderInput => {
  const tag = unique();
  return {
    name: `Provider ${tag}`,
    sector: 'nhs-trust',
    marketOversight: false,
    contacts: [{ name: `Chief ${tag}`, email: `chief.${tag}@provider.test`, roles: ['chief-executive'] }],
    ...overrides,
  };
};

export const aStaffMember = (overrides: Partial<CreateStaffInput> = {}): CreateStaffInput => {
  const tag = unique();
  return { name: `Staff ${tag}`, email: `staff.${tag}@regulator.test`, roles: ['inspector'], ...overrides };
};

/** A sector used by no other test, to check list filtering without seeing other tests' data. */
export const uniqueName = (prefix: string) => `${prefix} ${unique()}`;
