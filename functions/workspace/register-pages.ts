import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DynamoInspectionStore } from '../../shared/adapters/dynamodb/inspection-store.ts';
import { notificationBanner } from '../../shared/adapters/http/workspace/components.ts';
import { dayFromFields } from '../../shared/adapters/http/workspace/date-fields.ts';
import { contactsSection } from '../../shared/adapters/http/workspace/views/contacts.ts';
import {
  inspectionsHref,
  inspectionsMain,
  riskProfileMain,
} from '../../shared/adapters/http/workspace/views/inspections.ts';
import { providerHref } from '../../shared/adapters/http/workspace/views/my-work.ts';
import { providerHeader } from '../../shared/adapters/http/workspace/views/provider.ts';
import {
  addProviderMain,
  cadenceMain,
  FIND_LOCATION_PATH,
  findLocationMain,
  locationMain,
  providerRegisterMain,
  type RegisterForm,
  type RegisterTabForm,
  registerTabHref,
} from '../../shared/adapters/http/workspace/views/register.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { planningFromEnvironment } from '../../shared/config/policy.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import {
  ConflictError,
  NotFoundError,
  RuleViolation,
  StaleVersionError,
  ValidationError,
} from '../../shared/domain/errors.ts';
import { RecordInspectionSchema } from '../../shared/schemas/inspection.ts';
import type { Location, Provider } from '../../shared/schemas/provider.ts';
import {
  CreateLocationSchema,
  CreateProviderSchema,
  SetCadenceSchema,
  UpdateLocationSchema,
  UpdateProviderSchema,
} from '../../shared/schemas/provider.ts';
import { addLocation } from '../../shared/use-cases/add-location.ts';
import { changeLocation } from '../../shared/use-cases/change-location.ts';
import { changeProvider } from '../../shared/use-cases/change-provider.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { listInspections, recordInspection } from '../../shared/use-cases/record-inspection.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { providerRiskProfile } from '../../shared/use-cases/risk-profile.ts';
import { searchLocations } from '../../shared/use-cases/search-register.ts';
import { setCadence } from '../../shared/use-cases/set-cadence.ts';
import {
  changeAs,
  fieldProblems,
  formVersion,
  type GetPage,
  mayUse,
  type PageRequest,
  type PostPage,
  redirect,
  render,
} from './context.ts';
import { allStaff, register, stores } from './stores.ts';

/**
 * The register's pages (issue 15: everything the API can do for staff): POST /providers and
 * GET /locations?postcode=, through the same use cases and role lists as the providers function.
 */

const PAGE_SIZE = 25;

const FIELDS: Record<string, string> = {
  name: 'Enter the provider’s name (on one line, at most 200 characters)',
  sector: 'Choose the provider’s sector',
  registrationId: 'Enter the CQC Provider ID on one line (at most 40 characters), or leave it blank',
  marketOversight: 'Tick Market Oversight or leave it blank',
};
/** The location forms' fields, named apart from the provider's so both forms can share one page. */
const LOCATION_FIELDS: Record<string, [string, string]> = {
  name: ['locationName', 'Enter the location’s name (on one line, at most 200 characters)'],
  address: ['address', 'Enter the address on one line (at most 500 characters), or leave it blank'],
  registrationId: [
    'locationRegistrationId',
    'Enter the CQC Location ID on one line (at most 40 characters), or leave it blank',
  ],
  significantRisk: ['significantRisk', 'Choose yes or no'],
};
/** Changing the provider's register details: which field each schema path names. */
const PROVIDER_FIELDS: Record<string, [string, string]> = {
  name: ['name', FIELDS.name ?? ''],
  sector: ['sector', 'Choose the provider’s sector from the list'],
  registrationId: ['registrationId', FIELDS.registrationId ?? ''],
  marketOversight: ['marketOversight', 'Choose yes or no'],
};
const valuesOf = (form: URLSearchParams) =>
  Object.fromEntries(
    [...new Set(form.keys())].filter((key) => key !== 'formToken').map((key) => [key, form.get(key) ?? '']),
  );
const yesNoOf = (value: string | null) => (value === 'yes' ? true : value === 'no' ? false : undefined);
type FormPage = (
  request: PageRequest,
  state: RegisterForm,
  status: number,
) => Promise<APIGatewayProxyStructuredResultV2>;
/** A refused form's answer: its page again, with what was typed and the problems found beside their fields. */
const againOn =
  (page: FormPage, request: PageRequest, form: URLSearchParams) =>
  (problems: RegisterForm['problems'], status: number) =>
    page(request, { formToken: request.session.formToken, values: valuesOf(form), problems }, status);
/** The register tab, showing again the one of its forms that was refused. */
const registerTab =
  (which: RegisterTabForm['form']): FormPage =>
  (request, state, status) =>
    registerTabPage(request, { ...state, form: which }, status);
/** The use cases' refusals beside the field they concern: a stale version, a moved corporate band, a rule. */
function refusal(
  error: unknown,
  field: string,
  what: string,
): { problems: RegisterForm['problems']; status: number } | null {
  if (error instanceof StaleVersionError)
    return {
      problems: [
        { href: `#${field}`, text: `Someone changed ${what} since you opened the page: check it and save again` },
      ],
      status: 409,
    };
  if (error instanceof ConflictError) return { problems: [{ href: `#${field}`, text: error.message }], status: 409 };
  if (error instanceof RuleViolation) return { problems: [{ href: `#${field}`, text: error.message }], status: 422 };
  if (error instanceof ValidationError) return { problems: [{ href: `#${field}`, text: error.message }], status: 400 };
  return null;
}
// Flagging a location at significant risk plans its meeting within these days (R-CAD-7), as the providers function does.
const locationDeps = () => ({ ...stores, riskMeetingWithinDays: planningFromEnvironment().riskMeetingWithinDays });

const tables = readEnv([ENV.providersTable, ENV.auditTable]);
// Inspections (R-REL-5) and the risk profile's last inspections (R-CORP-5), as the providers and relationships functions read them.
const inspections = new DynamoInspectionStore(tables.PROVIDERS_TABLE, tables.AUDIT_TABLE);
const inspectionDeps = { ...stores, inspections };

const INSPECTION_FIELDS: Record<string, [string, string]> = {
  inspectedOn: ['inspectedOn', 'Enter the day of the inspection, today or earlier, from 1 April 2009'],
  locationId: ['locationId', 'Choose what was inspected from the list'],
  inspectorStaffIds: ['inspector', 'Choose the inspector, and a different second inspector if there was one'],
  reasonHolderDidNot: [
    'reasonHolderDidNot',
    'Enter why the relationship holder did not inspect (at most 1,000 characters)',
  ],
};

async function inspectionsPage(request: PageRequest, state: RegisterForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.listInspections);
  const providerId = request.path.providerId ?? '';
  const provider = await findProvider(register, providerId);
  const mayRecord = mayUse(request, ROUTE_ROLES.recordInspection);
  const [page, locations, staff] = await Promise.all([
    listInspections(inspectionDeps, providerId, { limit: 50 }),
    register.allLocations(providerId),
    mayRecord ? allStaff() : Promise.resolve([]),
  ]);
  const done = !state && request.event.queryStringParameters?.done === 'recorded';
  return render(request, status, {
    title: `${provider.name}: inspections`,
    section: 'providers',
    main: inspectionsMain({
      header: providerHeader(provider, 'inspections'),
      provider,
      inspections: page.items,
      locations,
      staff: staff.filter((person) => !person.leftOn).sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
      form: mayRecord ? (state ?? { formToken: request.session.formToken, values: {}, problems: [] }) : null,
      notice: done ? notificationBanner({ text: 'Inspection recorded', type: 'success' }) : '',
    }),
    problems: state?.problems ?? [],
  });
}

async function cadencePage(request: PageRequest, state: RegisterForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.setProviderCadence);
  const provider = await findProvider(register, request.path.providerId ?? '');
  return render(request, status, {
    title: `${provider.name}: cadence`,
    section: 'providers',
    main: cadenceMain({
      header: providerHeader(provider, 'plan'),
      provider,
      form: state ?? { formToken: request.session.formToken, values: {}, problems: [] },
    }),
    problems: state?.problems ?? [],
  });
}

const NOTICES: Record<string, string> = {
  changed: 'Register details saved',
  'location-added': 'Location added',
  'location-changed': 'Location saved',
  'contact-added': 'Contact added',
  'contact-changed': 'Contact saved',
  'contact-removed': 'Contact removed',
};

export async function registerTabPage(request: PageRequest, state: RegisterTabForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.getProvider);
  const providerId = request.path.providerId ?? '';
  const provider = await findProvider(register, providerId);
  const locations = await register.allLocations(providerId);
  const mayChange = mayUse(request, ROUTE_ROLES.updateProvider);
  const contactForm =
    state?.form === 'contact' ? state : { formToken: request.session.formToken, values: {}, problems: [] };
  return render(request, status, {
    title: `${provider.name}: register details`,
    section: 'providers',
    main: providerRegisterMain({
      header: providerHeader(provider, 'register'),
      provider,
      locations,
      state,
      formToken: request.session.formToken,
      notice: state ? null : (NOTICES[request.event.queryStringParameters?.done ?? ''] ?? null),
      mayChange,
      contacts: contactsSection({ provider, form: contactForm, mayChange }),
    }),
    problems: state?.problems ?? [],
  });
}

async function locationPage(request: PageRequest, state: RegisterForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.updateLocation);
  const providerId = request.path.providerId ?? '';
  const provider = await findProvider(register, providerId);
  const location = await register.getLocation(providerId, request.path.locationId ?? '');
  if (!location) throw new NotFoundError('No such location of this provider');
  return render(request, status, {
    title: `Change ${location.name}`,
    section: 'providers',
    main: locationMain({ provider, location, state, formToken: request.session.formToken }),
    problems: state?.problems ?? [],
  });
}

function addProviderPage(request: PageRequest, form: RegisterForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.createProvider);
  const shown = form ?? { formToken: request.session.formToken, values: {}, problems: [] };
  return render(request, status, {
    title: 'Add a provider',
    section: 'providers',
    main: addProviderMain(shown),
    problems: shown.problems,
  });
}

export const REGISTER_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // GET /providers/{id} and its locations; the forms for PATCH /providers/{id} and POST …/locations
    workspaceProviderRegister: (request) => registerTabPage(request, null, 200),
    // PATCH /providers/{id}/locations/{locationId}: its form
    workspaceLocation: (request) => locationPage(request, null, 200),
    // GET /providers/{id}/inspections, with the form for POST
    workspaceInspections: (request) => inspectionsPage(request, null, 200),
    // GET /providers/{id}/risk-profile (R-CORP-5), read only
    workspaceRiskProfile: async (request) => {
      const change = changeAs(request, ROUTE_ROLES.getRiskProfile);
      const providerId = request.path.providerId ?? '';
      const provider = await findProvider(register, providerId);
      const profile = await providerRiskProfile(inspectionDeps, providerId, change.now);
      return render(request, 200, {
        title: `${provider.name}: risk profile`,
        section: 'providers',
        main: riskProfileMain(providerHeader(provider, 'risk-profile'), profile),
      });
    },
    // PUT /providers/{id}/cadence: its form (linked from the plan tab)
    workspaceCadence: (request) => cadencePage(request, null, 200),
    // POST /providers: its form
    workspaceAddProvider: async (request) => addProviderPage(request, null, 200),
    // GET /locations?postcode= (issue 16's index: an outward code or a full postcode)
    workspaceFindLocation: async (request) => {
      changeAs(request, ROUTE_ROLES.searchLocations);
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
    // PUT /providers/{id}/cadence with If-Match: the version the form showed (R-CAD-3)
    workspaceSetCadence: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.setProviderCadence);
      const providerId = request.path.providerId ?? '';
      await findProvider(register, providerId);
      const again = againOn(cadencePage, request, form);
      const typed = (form.get('meetingsPerYear') ?? '').trim();
      const version = formVersion(form);
      const parsed = SetCadenceSchema.safeParse({
        meetingsPerYear: /^\d{1,2}$/.test(typed) ? Number(typed) : Number.NaN,
        reason: form.get('reason') ?? '',
      });
      if (!parsed.success)
        return again(
          fieldProblems(
            parsed.error.issues.map((issue) => String(issue.path[0])),
            {
              meetingsPerYear: ['meetingsPerYear', 'Enter how many meetings a year, a whole number from 1 to 12'],
              reason: ['reason', 'Enter the reason (at most 500 characters)'],
            },
            ['meetingsPerYear', 'Enter how many meetings a year, a whole number from 1 to 12'],
          ),
          400,
        );
      if (!Number.isSafeInteger(version))
        return again([{ href: '#meetingsPerYear', text: 'Open the page again and save' }], 400);
      try {
        await setCadence(stores, providerId, version, parsed.data, change);
      } catch (error) {
        const refused = refusal(error, 'meetingsPerYear', 'this provider');
        if (refused) return again(refused.problems, refused.status);
        throw error;
      }
      return redirect(`${providerHref(providerId)}/plan`);
    },
    // POST /providers/{id}/inspections (R-REL-5)
    workspaceRecordInspection: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.recordInspection);
      const providerId = request.path.providerId ?? '';
      await findProvider(register, providerId);
      const again = againOn(inspectionsPage, request, form);
      const day = dayFromFields(form, 'inspectedOn', 'The day of the inspection');
      const inspectors = [form.get('inspector') ?? '', form.get('secondInspector') ?? ''].filter(Boolean);
      const locationId = form.get('locationId') ?? '';
      const reason = (form.get('reasonHolderDidNot') ?? '').trim();
      const parsed = RecordInspectionSchema.safeParse({
        inspectedOn: day.kind === 'day' ? day.day : '',
        inspectorStaffIds: inspectors,
        ...(locationId ? { locationId } : {}),
        ...(reason ? { reasonHolderDidNot: reason } : {}),
      });
      const problems = [
        ...(day.kind === 'problem' ? [{ href: '#inspectedOn', text: day.text }] : []),
        ...(parsed.success
          ? []
          : fieldProblems(
              parsed.error.issues.map((issue) => String(issue.path[0])),
              INSPECTION_FIELDS,
              ['inspector', INSPECTION_FIELDS.inspectorStaffIds?.[1] ?? ''],
            )),
      ].filter((problem, index, all) => all.findIndex((other) => other.href === problem.href) === index);
      if (!parsed.success || problems.length > 0) return again(problems, 400);
      try {
        await recordInspection(inspectionDeps, providerId, parsed.data, change);
      } catch (error) {
        // R-REL-5's refusal names the reason field; a bad day or inspector names theirs.
        if (error instanceof RuleViolation) return again([{ href: '#reasonHolderDidNot', text: error.message }], 422);
        if (error instanceof ValidationError) {
          const path = (error.details[0]?.path ?? '').replace(/^body\./, '').split('.')[0] ?? '';
          const field = INSPECTION_FIELDS[path]?.[0] ?? 'inspector';
          return again([{ href: `#${field}`, text: error.message }], 400);
        }
        throw error;
      }
      return redirect(`${inspectionsHref(providerId)}?done=recorded`);
    },
    // PATCH /providers/{id} with If-Match: the version the form showed
    workspaceChangeProvider: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.updateProvider);
      const providerId = request.path.providerId ?? '';
      await findProvider(register, providerId);
      const again = againOn(registerTab('provider'), request, form);
      const version = formVersion(form);
      const registrationId = (form.get('registrationId') ?? '').trim();
      const parsed = UpdateProviderSchema.safeParse({
        name: form.get('name') ?? '',
        sector: form.get('sector') ?? '',
        registrationId: registrationId || null,
        marketOversight: yesNoOf(form.get('marketOversight')),
      });
      if (!parsed.success)
        return again(
          fieldProblems(
            parsed.error.issues.map((issue) => String(issue.path[0])),
            PROVIDER_FIELDS,
            ['name', FIELDS.name ?? ''],
          ),
          400,
        );
      if (!Number.isSafeInteger(version)) return again([{ href: '#name', text: 'Open the page again and save' }], 400);
      try {
        await changeProvider(stores, providerId, version, parsed.data, change);
      } catch (error) {
        const refused = refusal(error, 'name', 'this provider');
        if (refused) return again(refused.problems, refused.status);
        throw error;
      }
      return redirect(`${registerTabHref(providerId)}?done=changed`);
    },
    // POST /providers/{id}/locations
    workspaceAddLocation: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.createLocation);
      const providerId = request.path.providerId ?? '';
      await findProvider(register, providerId);
      const again = againOn(registerTab('location'), request, form);
      const address = (form.get('address') ?? '').trim();
      const registrationId = (form.get('locationRegistrationId') ?? '').trim();
      const parsed = CreateLocationSchema.safeParse({
        name: form.get('locationName') ?? '',
        significantRisk: yesNoOf(form.get('significantRisk')),
        ...(address ? { address } : {}),
        ...(registrationId ? { registrationId } : {}),
      });
      if (!parsed.success)
        return again(
          fieldProblems(
            parsed.error.issues.map((issue) => String(issue.path[0])),
            LOCATION_FIELDS,
            ['locationName', LOCATION_FIELDS.name?.[1] ?? ''],
          ),
          400,
        );
      try {
        await addLocation(stores, providerId, parsed.data, change);
      } catch (error) {
        const refused = refusal(error, 'locationName', 'this provider');
        if (refused) return again(refused.problems, refused.status);
        throw error;
      }
      return redirect(`${registerTabHref(providerId)}?done=location-added`);
    },
    // PATCH /providers/{id}/locations/{locationId} with If-Match: the version the form showed
    workspaceChangeLocation: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.updateLocation);
      const providerId = request.path.providerId ?? '';
      const locationId = request.path.locationId ?? '';
      const location = await register.getLocation(providerId, locationId);
      if (!location) throw new NotFoundError('No such location of this provider');
      const again = againOn(locationPage, request, form);
      const version = formVersion(form);
      const address = (form.get('address') ?? '').trim();
      const registrationId = (form.get('locationRegistrationId') ?? '').trim();
      const parsed = UpdateLocationSchema.safeParse({
        name: form.get('locationName') ?? '',
        address: address || null,
        registrationId: registrationId || null,
        significantRisk: yesNoOf(form.get('significantRisk')),
      });
      if (!parsed.success)
        return again(
          fieldProblems(
            parsed.error.issues.map((issue) => String(issue.path[0])),
            LOCATION_FIELDS,
            ['locationName', LOCATION_FIELDS.name?.[1] ?? ''],
          ),
          400,
        );
      if (!Number.isSafeInteger(version))
        return again([{ href: '#locationName', text: 'Open the page again and save' }], 400);
      try {
        await changeLocation(locationDeps(), providerId, locationId, version, parsed.data, change);
      } catch (error) {
        const refused = refusal(error, 'locationName', 'this location');
        if (refused) return again(refused.problems, refused.status);
        throw error;
      }
      return redirect(`${registerTabHref(providerId)}?done=location-changed`);
    },
    // POST /providers
    workspaceCreateProvider: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.createProvider);
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
