import type { Submission } from '../schemas/contact.ts';
import type { ContactStore, Page, PageRequest } from './ports.ts';

/**
 * The admin queue (R-TEAM-2, R-TEAM-4): what providers with no team yet sent (and what reached a team with no
 * regulatory co-ordinator present), open, oldest first. Admins and operations managers answer it, and give
 * the provider a team so that its next submission goes to that team's co-ordinator.
 * Course: 1. one Query of the sparse queue partition, a page at a time.
 */
export function adminQueue(
  deps: { contact: Pick<ContactStore, 'adminQueue'> },
  request: PageRequest,
): Promise<Page<Submission>> {
  return deps.contact.adminQueue(request);
}
