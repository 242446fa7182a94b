import type { Contact } from '../../schemas/provider.ts';

/**
 * The contacts email can reach: one whose address bounced for good or drew a complaint is marked
 * undeliverable and gets nothing more (no template, invite, reminder or request) until staff give it
 * a new address. Every send to provider contacts picks its recipients through this.
 */
export const reachableContacts = <C extends Pick<Contact, 'undeliverable'>>(contacts: readonly C[]): C[] =>
  contacts.filter((contact) => !contact.undeliverable);
