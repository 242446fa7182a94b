import { signLink } from './provider-link.ts';

/**
 * The contact link (R-REL-4): in every email the product sends a provider contact, so they can reach
 * their relationship holder at any time (R-PRV-1). Scoped to one provider and one contact, for no meeting;
 * it works for CONTACT_LINK_DAYS after the email, and stops at once if the contact is removed. Pure.
 */
export const CONTACT_LINK_DAYS = 180;

export function contactLink(
  claims: { providerId: string; contactId: string },
  links: { key: Buffer; baseUrl: string },
  now: Date,
): string {
  const token = signLink(
    {
      purpose: 'contact',
      providerId: claims.providerId,
      meetingId: null,
      shareId: null,
      contactId: claims.contactId,
      expiresAt: Math.floor(now.getTime() / 1000) + CONTACT_LINK_DAYS * 86_400,
    },
    links.key,
  );
  return `${links.baseUrl}/contact/${token}`;
}
