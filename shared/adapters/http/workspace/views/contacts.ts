import { CONTACT_ROLES } from '../../../../domain/vocabulary.ts';
import type { Contact, Provider } from '../../../../schemas/provider.ts';
import { button, checkboxes, input, regionTable, tag } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import type { RegisterForm } from './register.ts';
import { registerTabHref } from './register.ts';
import { capitalised, instantInWords, words } from './words.ts';

/**
 * A provider's contacts on the register tab (PATCH /providers/{id} `contacts`, which replaces the list):
 * each form posts one change and the page sends the whole list with the version read, keeping the
 * other contacts' contactIds so the signed links already sent to them keep working.
 */
export const contactsHref = (providerId: string) => `${registerTabHref(providerId)}/contacts`;
export const contactHref = (providerId: string, contactId: string) => `${contactsHref(providerId)}/${contactId}`;

const problemOf = (form: RegisterForm, field: string) => {
  const found = form.problems.find((problem) => problem.href === `#${field}`);
  return found ? { text: found.text } : undefined;
};

const roleWords = (role: string) => capitalised(words(role));

/** Name, email, job title and roles: the fields of ContactInputSchema. */
export function contactFields(form: RegisterForm): SafeHtml {
  const value = (name: string) => form.values[name] ?? '';
  const chosen = new Set(value('contactRoles').split(',').filter(Boolean));
  return html`${input({
    name: 'contactName',
    label: { text: 'Full name', classes: 'govuk-label--s' },
    errorMessage: problemOf(form, 'contactName'),
    value: value('contactName'),
  })}
${input({
  name: 'contactEmail',
  label: { text: 'Email address', classes: 'govuk-label--s' },
  hint: { text: 'Meeting invitations and reminders go here' },
  errorMessage: problemOf(form, 'contactEmail'),
  value: value('contactEmail'),
  type: 'email',
  spellcheck: false,
})}
${input({
  name: 'contactJobTitle',
  label: { text: 'Job title (optional)', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'contactJobTitle'),
  value: value('contactJobTitle'),
})}
${checkboxes({
  name: 'contactRoles',
  fieldset: { legend: { text: 'Roles', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'Select all that apply: the meetings they are invited to follow from these (R-CAD-4 to R-CAD-6)' },
  errorMessage: problemOf(form, 'contactRoles'),
  items: CONTACT_ROLES.map((role) => ({ value: role, text: roleWords(role), checked: chosen.has(role) })),
})}`;
}

/** The contacts table and the form to add one (register editors only get the links and the form). */
export function contactsSection(params: { provider: Provider; form: RegisterForm; mayChange: boolean }): SafeHtml {
  const { provider } = params;
  return html`<h2 class="govuk-heading-m" id="contacts">Contacts</h2>
${
  provider.contacts.length === 0
    ? html`<p class="govuk-body">No contacts recorded.</p>`
    : regionTable({
        caption: 'Contacts',
        head: [{ text: 'Name' }, { text: 'Email address' }, { text: 'Job title' }, { text: 'Roles' }],
        rows: provider.contacts.map((contact) => [
          params.mayChange
            ? {
                html: html`<a class="govuk-link" href="${contactHref(provider.providerId, contact.contactId)}">${contact.name}</a>`,
              }
            : { text: contact.name },
          { html: html`${contact.email}${undeliverableTag(contact)}` },
          { text: contact.jobTitle ?? 'Not recorded' },
          { text: contact.roles.map(roleWords).join(', ') },
        ]),
      })
}
${
  params.mayChange
    ? html`<h2 class="govuk-heading-m">Add a contact</h2>
<form method="post" action="${contactsHref(provider.providerId)}" novalidate>
<input type="hidden" name="formToken" value="${params.form.formToken}">
<input type="hidden" name="version" value="${params.form.values.version || String(provider.version)}">
${contactFields(params.form)}
${button({ text: 'Add the contact' })}
</form>`
    : ''
}`;
}

const undeliverableTag = (contact: Contact) =>
  contact.undeliverable
    ? html` ${tag({ text: contact.undeliverable.reason === 'bounce' ? 'Email bounced' : 'Complained', classes: 'govuk-tag--red' })}
<span class="govuk-body-s govuk-!-display-block">Nothing is sent to this address since ${instantInWords(contact.undeliverable.since)}: give another one to send again</span>`
    : '';

/** One contact's page: change it (the whole list goes back with it) or remove it. */
export function contactMain(params: {
  provider: Provider;
  contact: Contact;
  state: RegisterForm | null;
  formToken: string;
}): SafeHtml {
  const { provider, contact } = params;
  const form: RegisterForm = params.state ?? {
    formToken: params.formToken,
    values: {
      version: String(provider.version),
      contactName: contact.name,
      contactEmail: contact.email,
      contactJobTitle: contact.jobTitle ?? '',
      contactRoles: contact.roles.join(','),
    },
    problems: [],
  };
  const version = form.values.version || String(provider.version);
  return html`<a class="govuk-back-link" href="${registerTabHref(provider.providerId)}">Back to ${provider.name}</a>
<span class="govuk-caption-l">${provider.name}</span>
<h1 class="govuk-heading-l">Change ${contact.name}</h1>
${contact.undeliverable ? html`<p class="govuk-body">${undeliverableTag(contact)}</p>` : ''}
<form method="post" action="${contactHref(provider.providerId, contact.contactId)}" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
<input type="hidden" name="version" value="${version}">
${contactFields(form)}
${button({ text: 'Save the contact' })}
</form>
<h2 class="govuk-heading-m">Remove this contact</h2>
<p class="govuk-body">They are no longer invited to meetings, and links already sent to them stop working.</p>
<form method="post" action="${contactHref(provider.providerId, contact.contactId)}/remove" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
<input type="hidden" name="version" value="${version}">
${button({ text: `Remove ${contact.name}`, classes: 'govuk-button--warning' })}
</form>`;
}
