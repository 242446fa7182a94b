import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { providerHref } from '../../shared/adapters/http/workspace/views/my-work.ts';
import {
  addProviderMain,
  FIND_LOCATION_PATH,
  findLocationMain,
  type RegisterForm,
} from '../../shared/adapters/http/workspace/views/register.ts';
import { PROVIDERS_ROUTE as ROUTE } from '../../shared/definitions/routes/providers.ts';
import { ValidationError } from '../../shared/domain/errors.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import { CreateProviderSchema } from '../../shared/schemas/provider.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { searchLocations } from '../../shared/use-cases/search-register.ts';
import { changeAs, type PageRequest, redirect, render } from './context.ts';
import { register } from './deps.ts';

/**
 * The register's pages (issue 15: everything the API can do for staff): POST /providers and
 * GET /locations?postcode=, through the same use cases and role lists as the providers function.
 */
type Get = (request: PageRequest) => Promise<APIGatewayProxyStructuredResultV2>;
type Post = (request: PageRequest, form: URLSearchParams) => Promise<APIGatewayProxyStructuredResultV2>;

const PAGE_SIZE = 25;

const FIELDS: Record<string, string> = {
  name: 'Enter the provider’s name (on one line, at most 200 characters)',
  sector: 'Choose the provider’s sector',
  registrationId: 'Enter the CQC Provider ID on one line (at most 40 characters), or leave it blank',
  marketOversight: 'Tick Market Oversight or leave it blank',
};

function addProviderPage(request: PageRequest, form: RegisterForm | null, status: number) {
  changeAs(request, ROUTE.createProvider);
  const shown = form ?? { formToken: request.session.formToken, values: {}, problems: [] };
  return render(request, status, {
    title: 'Add a provider',
    section: 'providers',
    main: addProviderMain(shown),
    problems: shown.problems,
  });
}

export const REGISTER_PAGES: { get: Record<string, Get>; post: Record<string, Post> } = {
  get: {
    // POST /providers: its form
    workspaceAddProvider: async (request) => addProviderPage(request, null, 200),
    // GET /locations?postcode= (issue 16's index: an outward code or a full postcode)
    workspaceFindLocation: async (request) => {
      changeAs(request, ROUTE.searchLocations);
      const query = request.event.queryStringParameters ?? {};
      const typed = (query.postcode ?? '').trim().slice(0, 40);
      const from = query.from;
      let found: { items: Location[]; nextToken: string | null } = { items: [], nextToken: null };
      let problem: string | undefined;
      if (typed) {
        try {
          found = await searchLocations(register, {
            postcode: typed,
            limit: PAGE_SIZE,
            ...(from ? { nextToken: from } : {}),
          });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          // A page token that does not verify (altered, or another search's) starts the search again.
          problem = error.details.some((detail) => detail.path === 'query.nextToken')
            ? 'That page of results is no longer available: search again'
            : 'Enter a UK postcode such as LL57 2PW, or an outward code such as LL57';
        }
      }
      const providerIds = [...new Set(found.items.map((location) => location.providerId))];
      const providers = new Map<string, Provider>(
        await Promise.all(providerIds.map(async (id) => [id, await findProvider(register, id)] as const)),
      );
      const search = (extra: Record<string, string>) =>
        `${FIND_LOCATION_PATH}?${new URLSearchParams({ postcode: typed, ...extra }).toString()}`;
      return render(request, problem ? 400 : 200, {
        title: 'Find a location by postcode',
        section: 'providers',
        main: findLocationMain({
          typed,
          problem,
          locations: found.items,
          providers,
          next: found.nextToken ? search({ from: found.nextToken }) : null,
          previous: from ? search({}) : null,
        }),
        problems: problem ? [{ href: '#postcode', text: problem }] : [],
      });
    },
  },
  post: {
    // POST /providers
    workspaceCreateProvider: async (request, form) => {
      const change = changeAs(request, ROUTE.createProvider);
      const values = {
        name: form.get('name') ?? '',
        sector: form.get('sector') ?? '',
        registrationId: form.get('registrationId') ?? '',
        marketOversight: form.get('marketOversight') ?? '',
      };
      const again = (problems: RegisterForm['problems']) =>
        addProviderPage(request, { formToken: request.session.formToken, values, problems }, 400);
      const registrationId = values.registrationId.trim();
      const parsed = CreateProviderSchema.safeParse({
        name: values.name,
        sector: values.sector,
        marketOversight: values.marketOversight === 'yes',
        ...(registrationId ? { registrationId } : {}),
      });
      const problems = parsed.success
        ? []
        : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].map((field) => ({
            href: `#${FIELDS[field] ? field : 'name'}`,
            text: FIELDS[field] ?? FIELDS.name ?? '',
          }));
      if (values.marketOversight && values.marketOversight !== 'yes')
        problems.push({ href: '#marketOversight', text: FIELDS.marketOversight ?? '' });
      if (!parsed.success || problems.length > 0) return again(problems);
      const provider = await registerProvider(register, parsed.data, change);
      return redirect(providerHref(provider.providerId));
    },
  },
};
