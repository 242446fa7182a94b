import {
  button,
  errorSummary,
  input,
  pagination,
  regionTable,
} from '../../shared/adapters/http/workspace/components.ts';
import { html } from '../../shared/adapters/http/workspace/html.ts';
import { myWorkMain, providerHref } from '../../shared/adapters/http/workspace/views/my-work.ts';
import {
  type AllocationForm,
  auditMain,
  meetingsMain,
  overviewMain,
  planMain,
  relationshipsMain,
} from '../../shared/adapters/http/workspace/views/provider.ts';
import { cadenceSummary } from '../../shared/adapters/http/workspace/views/register.ts';
import { sectorWords } from '../../shared/adapters/http/workspace/views/words.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { RuleViolation, ValidationError } from '../../shared/domain/errors.ts';
import { AllocateCorporateLeadSchema, AllocateHolderSchema } from '../../shared/schemas/relationship.ts';
import { allocateCorporateLead, allocateRelationshipHolder } from '../../shared/use-cases/allocate-relationship.ts';
import { findProvider, listProviderAudit } from '../../shared/use-cases/read-register.ts';
import {
  providerEngagementPlan,
  providerRelationships,
  staffDashboard,
} from '../../shared/use-cases/read-relationships.ts';
import { searchProviders } from '../../shared/use-cases/search-register.ts';
import { CONTACT_PAGES } from './contact-pages.ts';
import { changeAs, type GetPage, mayUse, type PageRequest, type PostPage, redirect, render } from './context.ts';
import { REGISTER_PAGES } from './register-pages.ts';
import { allStaff, register, stores } from './stores.ts';

/**
 * Which use case answers each workspace page: the same ones, with the same role lists (the API
 * route named beside each), as the JSON API's handlers.
 */

const providerIdOf = (request: PageRequest) => request.path.providerId ?? '';
const PAGE_SIZE = 25;

const mayAllocate = (request: PageRequest) => mayUse(request, ROUTE_ROLES.allocateRelationshipHolder);

async function relationshipsPage(request: PageRequest, form: AllocationForm | null, status: number) {
  const providerId = providerIdOf(request);
  changeAs(request, ROUTE_ROLES.listProviderRelationships);
  const [provider, stored, locations] = await Promise.all([
    findProvider(register, providerId),
    providerRelationships(stores, providerId),
    register.allLocations(providerId),
  ]);
  const allocator = mayAllocate(request);
  const staff = allocator ? await allStaff() : [];
  const shownForm = allocator ? (form ?? { formToken: request.session.formToken, values: {}, problems: [] }) : null;
  return render(request, status, {
    title: `${provider.name}: relationships`,
    section: 'providers',
    main: relationshipsMain(provider, stored, staff, locations, shownForm),
    problems: form?.problems ?? [],
  });
}

const FIELD_OF_PATH: Record<string, string> = {
  'body.staffId': 'staffId',
  'body.reason': 'reason',
  'body.locationId': 'locationId',
};

/** CQC Provider IDs as published: a digit, a hyphen, digits (e.g. 1-101639192). */
const REGISTRATION_ID = /^\d-\d{3,12}$/;

/** My work, the providers and their register details: the workspace function's pages (issue 17). */
export const PROVIDER_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // GET /me/dashboard
    workspaceMyWork: async (request) => {
      const change = changeAs(request, ROUTE_ROLES.getMyDashboard);
      const dashboard = await staffDashboard(stores, change.actor.id, request.now);
      return render(request, 200, {
        title: 'My work',
        section: 'my-work',
        main: myWorkMain(request.session.name, dashboard),
      });
    },
    // GET /providers?name= | ?registrationId= (issue 16's search, from an index): find a provider who phones
    workspaceProviders: async (request) => {
      changeAs(request, ROUTE_ROLES.listProviders);
      const query = request.event.queryStringParameters ?? {};
      const typed = (query.q ?? '').trim();
      const from = query.from;
      const page = { limit: PAGE_SIZE, ...(from ? { nextToken: from } : {}) };
      // A CQC Provider ID ("1-101639192") finds that provider; anything else is a name (prefix of any word).
      const search = REGISTRATION_ID.test(typed) ? { registrationId: typed } : typed ? { name: typed } : {};
      let found: Awaited<ReturnType<typeof searchProviders>> = { items: [], nextToken: null };
      let problem: string | undefined;
      try {
        found = await searchProviders(register, { ...page, ...search });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // A page token that does not verify (altered, or another search's) starts the search again.
        problem = error.details.some((detail) => detail.path === 'query.nextToken')
          ? 'That page of results is no longer available: search again'
          : 'Enter at least two letters or digits of a word in the provider’s name, or its CQC Provider ID';
      }
      const again = (token: string) =>
        `/workspace/providers?${new URLSearchParams({ ...(typed ? { q: typed } : {}), from: token }).toString()}`;
      return render(request, problem ? 400 : 200, {
        title: problem ? 'Error: Find a provider' : 'Find a provider',
        section: 'providers',
        main: html`${problem ? errorSummary({ titleText: 'There is a problem', errorList: [{ text: problem, href: '#q' }] }) : ''}
<h1 class="govuk-heading-l">Find a provider</h1>
<p class="govuk-body"><a class="govuk-link" href="/workspace/locations">Find a location by postcode</a>${
          mayUse(request, ROUTE_ROLES.createProvider)
            ? html` or <a class="govuk-link" href="/workspace/providers/new">add a provider</a>`
            : ''
        }</p>
<form method="get" action="/workspace/providers" novalidate>
${input({
  name: 'q',
  label: { text: 'Provider name or CQC Provider ID', classes: 'govuk-label--s' },
  hint: {
    text: 'The start of any word of the name, for example “ysbyty” or “riverside care”, or an ID such as 1-101639192',
  },
  errorMessage: problem ? { text: problem } : undefined,
  value: typed,
  spellcheck: false,
})}
${button({ text: 'Search' })}
</form>
${
  problem
    ? ''
    : found.items.length === 0
      ? html`<p class="govuk-body">No provider matches “${typed}”. Check the spelling, or search by the CQC Provider ID.</p>`
      : regionTable({
          caption: typed ? `Providers matching “${typed}”` : 'Providers by name',
          head: [{ text: 'Provider' }, { text: 'CQC Provider ID' }, { text: 'Sector' }, { text: 'Locations' }],
          rows: found.items.map((provider) => [
            { html: html`<a class="govuk-link" href="${providerHref(provider.providerId)}">${provider.name}</a>` },
            { text: provider.registrationId ?? '—' },
            { text: sectorWords(provider.sector) },
            { text: String(provider.locationCount), format: 'numeric' as const },
          ]),
        })
}
${pagination({
  ...(from
    ? {
        previous: {
          href: typed ? `/workspace/providers?${new URLSearchParams({ q: typed }).toString()}` : '/workspace/providers',
        },
      }
    : {}),
  ...(found.nextToken ? { next: { href: again(found.nextToken) } } : {}),
})}`,
      });
    },
    // GET /providers/{id}, /locations, /relationships
    workspaceProvider: async (request) => {
      changeAs(request, ROUTE_ROLES.getProvider);
      const providerId = providerIdOf(request);
      const provider = await findProvider(register, providerId);
      const [locations, stored] = await Promise.all([
        register.allLocations(providerId),
        providerRelationships(stores, providerId),
      ]);
      return render(request, 200, {
        title: provider.name,
        section: 'providers',
        main: overviewMain(provider, locations, stored),
      });
    },
    workspaceRelationships: (request) => relationshipsPage(request, null, 200),
    // GET /providers/{id}/engagement-plan?on=
    workspacePlan: async (request) => {
      changeAs(request, ROUTE_ROLES.getEngagementPlan);
      const providerId = providerIdOf(request);
      const query = request.event.queryStringParameters ?? {};
      const given = { day: query.day ?? '', month: query.month ?? '', year: query.year ?? '' };
      let on: string | undefined;
      let problem: string | undefined;
      if (given.day || given.month || given.year) {
        const candidate = `${given.year.padStart(4, '0')}-${given.month.padStart(2, '0')}-${given.day.padStart(2, '0')}`;
        const parsed = new Date(`${candidate}T12:00:00Z`);
        if (
          !/^\d{4}-\d{2}-\d{2}$/.test(candidate) ||
          Number.isNaN(parsed.getTime()) ||
          parsed.toISOString().slice(0, 10) !== candidate
        ) {
          problem = 'Enter a real date, for example 1 4 2027';
        } else on = candidate;
      }
      const provider = await findProvider(register, providerId);
      const plan = await providerEngagementPlan(stores, providerId, on, request.now);
      const [year, month, day] = plan.on.split('-');
      return render(request, problem ? 400 : 200, {
        title: `${provider.name}: engagement plan`,
        section: 'providers',
        main: html`${planMain(
          provider,
          plan,
          problem ? given : { day: day ?? '', month: month ?? '', year: year ?? '' },
          problem,
        )}${cadenceSummary(provider, mayUse(request, ROUTE_ROLES.setProviderCadence))}`,
        problems: problem ? [{ href: '#on-day', text: problem }] : [],
      });
    },
    // GET /providers/{id}/meetings
    workspaceProviderMeetings: async (request) => {
      changeAs(request, ROUTE_ROLES.listProviderMeetings);
      const providerId = providerIdOf(request);
      const provider = await findProvider(register, providerId);
      const [page, activities] = await Promise.all([
        stores.meetings.listProviderMeetings(providerId, { limit: 100 }),
        // R-CAD-11: the newest contacts and ad hoc meetings beside the planned meetings.
        stores.engagement.listActivities(providerId, { limit: 25 }),
      ]);
      return render(request, 200, {
        title: `${provider.name}: meetings`,
        section: 'providers',
        main: meetingsMain(provider, page.items, activities.items),
      });
    },
    // GET /providers/{id}/audit
    workspaceAudit: async (request) => {
      changeAs(request, ROUTE_ROLES.listProviderAudit);
      const providerId = providerIdOf(request);
      const provider = await findProvider(register, providerId);
      const from = request.event.queryStringParameters?.from;
      const page = await listProviderAudit(register, providerId, {
        limit: PAGE_SIZE,
        ...(from ? { nextToken: from } : {}),
      });
      const staffIds = [
        ...new Set(page.items.filter((entry) => entry.actor.type === 'staff').map((entry) => entry.actor.id)),
      ];
      const names = new Map(
        (await Promise.all(staffIds.map((id) => register.getStaff(id)))).flatMap((staff) =>
          staff ? [[staff.staffId, staff.name] as const] : [],
        ),
      );
      return render(request, 200, {
        title: `${provider.name}: audit trail`,
        section: 'providers',
        main: auditMain(provider, page.items, names, page.nextToken),
      });
    },
    ...REGISTER_PAGES.get,
    ...CONTACT_PAGES.get,
  },
  post: {
    // PUT /providers/{id}/relationship-holder and PUT /providers/{id}/corporate-lead
    workspaceAllocate: async (request, form) => {
      const providerId = providerIdOf(request);
      // Who may allocate at all comes first (the API's ALLOCATORS); then which relationship.
      changeAs(request, ROUTE_ROLES.allocateRelationshipHolder);
      const scope = form.get('scope') ?? '';
      const values = {
        scope,
        staffId: form.get('staffId') ?? '',
        locationId: form.get('locationId') ?? '',
        reason: form.get('reason') ?? '',
      };
      const again = (problems: AllocationForm['problems'], status: number) =>
        relationshipsPage(request, { formToken: request.session.formToken, values, problems }, status);
      if (!['provider', 'location', 'corporate-lead'].includes(scope)) {
        return again([{ href: '#scope', text: 'Choose which relationship to allocate' }], 400);
      }
      const apiRoute =
        scope === 'corporate-lead' ? ROUTE_ROLES.allocateCorporateLead : ROUTE_ROLES.allocateRelationshipHolder;
      const change = changeAs(request, apiRoute);
      const input = {
        staffId: values.staffId,
        reason: values.reason,
        ...(scope === 'location' ? { locationId: values.locationId } : {}),
      };
      const parsed = (scope === 'corporate-lead' ? AllocateCorporateLeadSchema : AllocateHolderSchema).safeParse(input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => {
          const field = FIELD_OF_PATH[`body.${issue.path.join('.')}`] ?? 'staffId';
          const text =
            field === 'reason'
              ? 'Enter the reason for this allocation (at most 500 characters)'
              : field === 'locationId'
                ? 'Choose the location'
                : 'Choose who to allocate';
          return { href: `#${field}`, text };
        });
        return again(problems, 400);
      }
      try {
        if (scope === 'corporate-lead') await allocateCorporateLead(stores, providerId, parsed.data as never, change);
        else await allocateRelationshipHolder(stores, providerId, parsed.data as never, change);
      } catch (error) {
        // A rule of DOMAIN.md refused it: say which, beside the field to change.
        if (error instanceof RuleViolation) return again([{ href: '#staffId', text: error.message }], 422);
        if (error instanceof ValidationError) {
          return again([{ href: '#staffId', text: error.message }], 400);
        }
        throw error;
      }
      return redirect(`${providerHref(providerId)}/relationships`);
    },
    ...REGISTER_PAGES.post,
    ...CONTACT_PAGES.post,
  },
};
