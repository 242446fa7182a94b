import { DynamoRegisterStore } from '../../shared/adapters/dynamodb/register-store.ts';
import { apiFunction, staffRoute } from '../../shared/adapters/http/api-function.ts';
import { created, ok } from '../../shared/adapters/http/responses.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { ROUTE } from '../../shared/definitions/routes.ts';
import { findStaff } from '../../shared/use-cases/read-register.ts';
import { registerStaff } from '../../shared/use-cases/register-staff.ts';

/** Regulator staff and their roles. */
const config = readEnv([ENV.providersTable, ENV.auditTable]);
const store = new DynamoRegisterStore(config.PROVIDERS_TABLE, config.AUDIT_TABLE);

export const handler = apiFunction([
  staffRoute(ROUTE.createStaff, async ({ body, change }) => {
    const staff = await registerStaff(store, body, change);
    return created(staff, staff.version);
  }),
  staffRoute(ROUTE.listStaff, async ({ query }) => ok(await store.listStaff(query))),
  staffRoute(ROUTE.getStaff, async ({ path }) => {
    const staff = await findStaff(store, path.staffId);
    return ok(staff, staff.version);
  }),
]);
