import { PageQuerySchema } from '../../schemas/common.ts';
import {
  ImportPageSchema,
  ImportPathSchema,
  ImportWithReportSchema,
  StartedImportSchema,
  StartImportSchema,
} from '../../schemas/register-import.ts';
import type { RouteDefinition } from '../route-definition.ts';
import { ROUTE_ROLES } from '../route-roles.ts';

/** The routes the imports function serves (functions/imports/handler.ts imports this module, not routes.ts, so its bundle holds only these routes' schemas). */
export const IMPORTS_ROUTE = {
  startImport: {
    operationId: 'startImport',
    method: 'POST',
    path: '/imports',
    functionId: 'imports',
    summary:
      "Start a register import: answers a presigned URL to PUT CQC's locations file (CSV) to; the upload runs it",
    auth: 'staff',
    roles: ROUTE_ROLES.startImport,
    request: { body: StartImportSchema },
    responses: { 201: { description: 'Awaiting the upload', schema: StartedImportSchema } },
    errors: [413, 415],
  },
  getImport: {
    operationId: 'getImport',
    method: 'GET',
    path: '/imports/{importId}',
    functionId: 'imports',
    summary: 'A register import: status, progress (rows read of total), counts, and links to the whole report',
    auth: 'staff',
    roles: ROUTE_ROLES.getImport,
    request: { path: ImportPathSchema },
    responses: { 200: { description: 'The import', schema: ImportWithReportSchema } },
    errors: [404],
  },
  listImports: {
    operationId: 'listImports',
    method: 'GET',
    path: '/imports',
    functionId: 'imports',
    summary: 'Register imports, newest first',
    auth: 'staff',
    roles: ROUTE_ROLES.listImports,
    request: { query: PageQuerySchema },
    responses: { 200: { description: 'A page of imports', schema: ImportPageSchema } },
    errors: [],
  },
} as const satisfies Record<string, RouteDefinition>;
