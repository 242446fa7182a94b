import { contactMain } from '../../shared/adapters/http/workspace/views/contacts.ts';
import { type RegisterForm, registerTabHref } from '../../shared/adapters/http/workspace/views/register.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../shared/domain/errors.ts';
import {
  type Contact,
  ContactInputSchema,
  type Provider,
  UpdateProviderSchema,
} from '../../shared/schemas/provider.ts';
import { changeProvider } from '../../shared/use-cases/change-provider.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { changeAs, formVersion, type GetPage, type PageRequest, type PostPage, redirect, render } from './context.ts';
import { registerTabPage } from './register-pages.ts';
import { register, stores } from './stores.ts';

/**
 * A provider's contacts from the register tab: add, change, remove. Each posts the whole list through
 * changeProvider, as PATCH /providers/{id} with `contacts` does (same role list: ROUTE_ROLES.updateProvider),
 * the version the form showed standing for If-Match. Other contacts keep their contactIds, so the signed
 * links already sent to them keep working; a removed contact's links stop working.
 */
type Problems = RegisterForm['problems'];

const CONTACT_FIELDS: Record<string, [string, string]> = {
  name: ['contactName', 'Enter the contact’s full name (on one line, at most 200 characters)'],
  email: ['contactEmail', 'Enter an email address in the correct format, like name@example.org'],
  jobTitle: ['contactJobTitle', 'Enter the job title on one line (at most 200 characters), or leave it blank'],
  roles: ['contactRoles', 'Select at least one role from the list'],
};
const STALE = 'Someone changed this provider’s contacts since you opened the page: check them and save again';

/** What was typed; after a 409 the version is left out, so the page shows the current one to save again. */
const valuesOf = (form: URLSearchParams, status = 400) => ({
  version: status === 409 ? '' : (form.get('version') ?? ''),
  contactName: form.get('contactName') ?? '',
  contactEmail: form.get('contactEmail') ?? '',
  contactJobTitle: form.get('contactJobTitle') ?? '',
  contactRoles: form.getAll('contactRoles').join(','),
});

/** The form as a contact (ContactInputSchema), or the problems naming each field once. */
function contactFrom(form: URLSearchParams) {
  const jobTitle = (form.get('contactJobTitle') ?? '').trim();
  const parsed = ContactInputSchema.safeParse({
    name: form.get('contactName') ?? '',
    email: (form.get('contactEmail') ?? '').trim(),
    roles: form.getAll('contactRoles'),
    ...(jobTitle ? { jobTitle } : {}),
  });
  if (parsed.success) return { contact: parsed.data, problems: [] as Problems };
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
  return {
    contact: null,
    problems: fields.map((path) => {
      const [field, text] = CONTACT_FIELDS[path] ?? CONTACT_FIELDS.name ?? ['contactName', ''];
      return { href: `#${field}`, text };
    }),
  };
}

/** A stored contact as the API's PATCH takes it back: its id kept, the undeliverable mark left to the use case. */
const asInput = ({ contactId, name, email, roles, jobTitle }: Contact) => ({
  contactId,
  name,
  email,
  roles,
  ...(jobTitle ? { jobTitle } : {}),
});

/** Saves the list; a refusal as problems beside `field` with its status, or null once saved. */
async function saveContacts(
  request: PageRequest,
  provider: Provider,
  version: number,
  contacts: readonly unknown[],
  field: string,
): Promise<{ problems: Problems; status: number } | null> {
  if (!Number.isSafeInteger(version))
    return { problems: [{ href: `#${field}`, text: 'Open the page again and save' }], status: 400 };
  const change = changeAs(request, ROUTE_ROLES.updateProvider);
  const patch = UpdateProviderSchema.safeParse({ contacts });
  if (!patch.success)
    return { problems: [{ href: `#${field}`, text: 'A provider has at most 50 contacts' }], status: 400 };
  try {
    await changeProvider(stores, provider.providerId, version, patch.data, change);
  } catch (error) {
    if (error instanceof StaleVersionError) return { problems: [{ href: `#${field}`, text: STALE }], status: 409 };
    if (error instanceof ConflictError) return { problems: [{ href: `#${field}`, text: error.message }], status: 409 };
    if (error instanceof ValidationError)
      return { problems: [{ href: `#${field}`, text: error.message }], status: 400 };
    throw error;
  }
  return null;
}

async function contactOf(request: PageRequest) {
  const provider = await findProvider(register, request.path.providerId ?? '');
  const contact = provider.contacts.find((candidate) => candidate.contactId === request.path.contactId);
  if (!contact) throw new NotFoundError('No such contact of this provider');
  return { provider, contact };
}

async function contactPage(request: PageRequest, state: RegisterForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.updateProvider);
  const { provider, contact } = await contactOf(request);
  return render(request, status, {
    title: `Change ${contact.name}`,
    section: 'providers',
    main: contactMain({ provider, contact, state, formToken: request.session.formToken }),
    problems: state?.problems ?? [],
  });
}

export const CONTACT_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // The forms for PATCH /providers/{id} `contacts`: change or remove one
    workspaceContact: (request) => contactPage(request, null, 200),
  },
  post: {
    // PATCH /providers/{id} with the list and the new contact appended
    workspaceAddContact: async (request, form) => {
      changeAs(request, ROUTE_ROLES.updateProvider);
      const provider = await findProvider(register, request.path.providerId ?? '');
      const again = (problems: Problems, status: number) =>
        registerTabPage(
          request,
          { form: 'contact', formToken: request.session.formToken, values: valuesOf(form, status), problems },
          status,
        );
      const { contact, problems } = contactFrom(form);
      if (!contact) return again(problems, 400);
      const refused = await saveContacts(
        request,
        provider,
        formVersion(form),
        [...provider.contacts.map(asInput), contact],
        'contactName',
      );
      if (refused) return again(refused.problems, refused.status);
      return redirect(`${registerTabHref(provider.providerId)}?done=contact-added#contacts`);
    },
    // PATCH /providers/{id} with this contact changed in place, its contactId kept
    workspaceChangeContact: async (request, form) => {
      changeAs(request, ROUTE_ROLES.updateProvider);
      const { provider, contact: current } = await contactOf(request);
      const again = (problems: Problems, status: number) =>
        contactPage(
          request,
          { formToken: request.session.formToken, values: valuesOf(form, status), problems },
          status,
        );
      const { contact, problems } = contactFrom(form);
      if (!contact) return again(problems, 400);
      const refused = await saveContacts(
        request,
        provider,
        formVersion(form),
        provider.contacts.map((each) =>
          each.contactId === current.contactId ? { ...contact, contactId: current.contactId } : asInput(each),
        ),
        'contactName',
      );
      if (refused) return again(refused.problems, refused.status);
      return redirect(`${registerTabHref(provider.providerId)}?done=contact-changed#contacts`);
    },
    // PATCH /providers/{id} with this contact left out
    workspaceRemoveContact: async (request, form) => {
      changeAs(request, ROUTE_ROLES.updateProvider);
      const { provider, contact: current } = await contactOf(request);
      const refused = await saveContacts(
        request,
        provider,
        formVersion(form),
        provider.contacts.filter((each) => each.contactId !== current.contactId).map(asInput),
        'contactName',
      );
      if (refused)
        return contactPage(
          request,
          { formToken: request.session.formToken, values: {}, problems: refused.problems },
          refused.status,
        );
      return redirect(`${registerTabHref(provider.providerId)}?done=contact-removed#contacts`);
    },
  },
};
