import { DynamoInspectionStore } from '../../shared/adapters/dynamodb/inspection-store.ts';
import { DynamoMeetingStore } from '../../shared/adapters/dynamodb/meeting-store.ts';
import { DynamoRegisterLists } from '../../shared/adapters/dynamodb/register-lists.ts';
import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { DynamoRelationshipStore } from '../../shared/adapters/dynamodb/relationship-store.ts';
import { DynamoTemplateStore } from '../../shared/adapters/dynamodb/template-store.ts';
import { apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { created, ok } from '../../shared/adapters/http/responses.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { planningFromEnvironment, policyFromEnvironment } from '../../shared/config/policy.ts';
import { PROVIDERS_ROUTE as ROUTE } from '../../shared/definitions/routes/providers.ts';
import { addLocation } from '../../shared/use-cases/add-location.ts';
import { changeLocation } from '../../shared/use-cases/change-location.ts';
import { changeProvider } from '../../shared/use-cases/change-provider.ts';
import {
  markMentalHealthProvider,
  unmarkMentalHealthProvider,
} from '../../shared/use-cases/mark-mental-health-provider.ts';
import { recordInformation } from '../../shared/use-cases/pre-meeting-template.ts';
import { findProvider, listLocations, listProviderAudit } from '../../shared/use-cases/read-register.ts';
import { listInspections, recordInspection } from '../../shared/use-cases/record-inspection.ts';
import { registerProvider } from '../../shared/use-cases/register-provider.ts';
import { searchLocations, searchProviders } from '../../shared/use-cases/search-register.ts';
import { setCadence } from '../../shared/use-cases/set-cadence.ts';

/** Providers, their locations and their audit trail. */
const config = readEnv([ENV.providersTable, ENV.auditTable, ENV.meetingsTable]);
const store = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
const lists = new DynamoRegisterLists(config.PROVIDERS_TABLE, config.AUDIT_TABLE);
// Adding locations and changing Market Oversight can move a provider into another corporate band (R-CORP).
const deps = {
  register: store,
  relationships: new DynamoRelationshipStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  // Flagging a location at significant risk plans its meeting at once; clearing it cancels it (R-CAD-7).
  meetings: new DynamoMeetingStore(config.MEETINGS_TABLE, config.AUDIT_TABLE),
  inspections: new DynamoInspectionStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE),
  policy: policyFromEnvironment(),
  riskMeetingWithinDays: planningFromEnvironment().riskMeetingWithinDays,
  templates: new DynamoTemplateStore({
    providers: config.PROVIDERS_TABLE,
    meetings: config.MEETINGS_TABLE,
    audit: config.AUDIT_TABLE,
  }),
};

export const handler = apiFunction([
  staffRoute(ROUTE.createProvider, async ({ body, change }) => {
    const provider = await registerProvider(store, body, change);
    return created(provider, provider.version);
  }),
  staffRoute(ROUTE.listProviders, async ({ query }) => ok(await searchProviders(store, query))),
  staffRoute(ROUTE.getProvider, async ({ path }) => {
    const provider = await findProvider(store, path.providerId);
    return ok(provider, provider.version);
  }),
  staffRoute(ROUTE.updateProvider, async ({ path, body, ifMatch, change }) => {
    const provider = await changeProvider(deps, path.providerId, ifMatch, body, change);
    return ok(provider, provider.version);
  }),
  staffRoute(ROUTE.createLocation, async ({ path, body, change }) => {
    const location = await addLocation(deps, path.providerId, body, change);
    return created(location, location.version);
  }),
  staffRoute(ROUTE.updateLocation, async ({ path, body, ifMatch, change }) => {
    const location = await changeLocation(deps, path.providerId, path.locationId, ifMatch, body, change);
    return ok(location, location.version);
  }),
  staffRoute(ROUTE.recordInformation, async ({ path, body, change }) => ({
    status: 201,
    body: await recordInformation(deps, path.providerId, body, change),
  })),
  staffRoute(ROUTE.listInformation, async ({ path, query }) => {
    const items = await deps.templates.informationSince(path.providerId, query.since ?? '0000-01-01');
    // One Query; only an empty answer needs the provider read, to tell "none yet" from 404.
    if (items.length === 0) await findProvider(store, path.providerId);
    return ok({ items, nextToken: null });
  }),
  staffRoute(ROUTE.listLocations, async ({ path, query }) => ok(await listLocations(store, path.providerId, query))),
  staffRoute(ROUTE.listProviderAudit, async ({ path, query }) =>
    ok(await listProviderAudit(store, path.providerId, query)),
  ),
  staffRoute(ROUTE.recordInspection, async ({ path, body, change }) => ({
    status: 201,
    body: await recordInspection(deps, path.providerId, body, change),
  })),
  staffRoute(ROUTE.listInspections, async ({ path, query }) => ok(await listInspections(deps, path.providerId, query))),
  staffRoute(ROUTE.setProviderCadence, async ({ path, body, ifMatch, change }) => {
    const provider = await setCadence(deps, path.providerId, ifMatch, body, change);
    return ok(provider, provider.version);
  }),
  staffRoute(ROUTE.searchLocations, async ({ query }) => ok(await searchLocations(store, query))),
  staffRoute(ROUTE.listMentalHealthProviders, async () => ok({ items: await lists.mentalHealthProviders() })),
  staffRoute(ROUTE.markMentalHealthProvider, async ({ path, body, change }) =>
    ok(await markMentalHealthProvider(lists, path.registrationId, body.name, change)),
  ),
  staffRoute(ROUTE.unmarkMentalHealthProvider, async ({ path, change }) => {
    await unmarkMentalHealthProvider(lists, path.registrationId, change);
    return { status: 204 };
  }),
]);
