import { describe, expect, it } from 'vitest';
import { contactMain, contactsSection } from '../../shared/adapters/http/workspace/views/contacts.ts';
import type { Contact, Provider } from '../../shared/schemas/provider.ts';

/**
 * A provider's contacts on the register tab (PATCH /providers/{id} `contacts`): whatever people typed comes
 * back as text, never markup; an undeliverable address is marked with its day in words; each form carries
 * the version read (If-Match); readers without REGISTER_EDITORS' roles get no forms.
 */
const HOSTILE = '<script>alert(1)</script> & "O\'Brien"';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;O&#39;Brien&quot;';

const contact = (overrides: Partial<Contact> = {}): Contact => ({
  contactId: '01ARZ3NDEKTSV4RRFFQ69G5FC1',
  name: HOSTILE,
  email: 'siân@example.org',
  roles: ['chief-executive', 'medicines-optimisation-lead'],
  jobTitle: HOSTILE,
  ...overrides,
});
const provider = (contacts: Contact[]) =>
  ({
    providerId: '01ARZ3NDEKTSV4RRFFQ69G5FP1',
    name: HOSTILE,
    sector: 'nhs-trust',
    marketOversight: false,
    registrationId: null,
    contacts,
    locationCount: 0,
    version: 7,
  }) as unknown as Provider;

describe('a provider’s contacts on the register tab', () => {
  it('lists each contact with their roles in words, names and job titles as text', () => {
    const page = String(contactsSection({ provider: provider([contact()]), form: emptyForm, mayChange: true }));

    expect(page).toContain(ESCAPED);
    expect(page).not.toContain('<script>');
    expect(page).toContain('Chief executive, Medicines optimisation lead');
    expect(page).toContain('siân@example.org');
    expect(page).toContain(
      'href="/workspace/providers/01ARZ3NDEKTSV4RRFFQ69G5FP1/register/contacts/01ARZ3NDEKTSV4RRFFQ69G5FC1"',
    );
  });

  it('marks a bounced address with the day in words (Europe/London)', () => {
    const page = String(
      contactsSection({
        provider: provider([contact({ undeliverable: { since: '2026-06-30T23:30:00.000Z', reason: 'bounce' } })]),
        form: emptyForm,
        mayChange: false,
      }),
    );

    expect(page).toContain('Email bounced');
    expect(page).toContain('1 July 2026');
  });

  it('gives the add form the version read, and keeps what was typed beside its error', () => {
    const page = String(
      contactsSection({
        provider: provider([]),
        form: {
          formToken: 't',
          values: { contactName: HOSTILE, contactEmail: 'not an email', contactRoles: 'other' },
          problems: [{ href: '#contactEmail', text: 'Enter an email address in the correct format' }],
        },
        mayChange: true,
      }),
    );

    expect(page).toContain('name="version" value="7"');
    expect(page).toContain(`value="${ESCAPED}"`);
    expect(page).toContain('id="contactEmail-error"');
    expect(page).toMatch(/value="other" checked/);
    expect(page).toContain('No contacts recorded.');
  });

  it('shows readers the list without any form or change link', () => {
    const page = String(contactsSection({ provider: provider([contact()]), form: emptyForm, mayChange: false }));

    expect(page).not.toContain('<form');
    expect(page).not.toContain('/register/contacts/');
  });

  it('fills the change form from the contact, with a remove button, both carrying the version', () => {
    const page = String(
      contactMain({ provider: provider([contact()]), contact: contact(), state: null, formToken: 'tok' }),
    );

    expect(page).toContain(`Change ${ESCAPED}`);
    expect(page).not.toContain('<script>');
    expect(page.match(/name="version" value="7"/g)).toHaveLength(2);
    expect(page).toContain('/contacts/01ARZ3NDEKTSV4RRFFQ69G5FC1/remove');
    expect(page).toMatch(/value="chief-executive" checked/);
  });
});

const emptyForm = { formToken: 't', values: {}, problems: [] };
