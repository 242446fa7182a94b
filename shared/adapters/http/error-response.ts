import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  RuleViolation,
  SignInOutOfStep,
  StaleVersionError,
  ValidationError,
} from '../../domain/errors.ts';
import { logger } from '../../observability/logger.ts';
import { loggableError } from '../../observability/redact.ts';
import { HttpProblem } from './http-problems.ts';
import { toHttpResponse } from './responses.ts';

/**
 * The one place errors become HTTP answers (the error shape of ../shared/API.md).
 * Anything not a DomainError is a 500 that says nothing of internals; it is logged instead.
 */
const STATUS_OF: ReadonlyArray<[new (...args: never[]) => DomainError, number]> = [
  [ValidationError, 400],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [StaleVersionError, 412],
  [RuleViolation, 422],
  [PreconditionRequiredError, 428],
  [SignInOutOfStep, 503],
];

function statusOf(error: DomainError): number {
  if (error instanceof HttpProblem) return error.status;
  return STATUS_OF.find(([type]) => error instanceof type)?.[1] ?? 400;
}

export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    return toHttpResponse({
      status: statusOf(error),
      headers: error instanceof HttpProblem ? error.headers : {},
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details.length > 0 ? { details: error.details } : {}),
          ...(error instanceof RuleViolation ? { ruleId: error.ruleId } : {}),
        },
      },
    });
  }
  logger.error('Unhandled error', loggableError(error));
  return toHttpResponse({
    status: 500,
    body: { error: { code: 'internal_error', message: 'Something went wrong on our side. It has been logged.' } },
  });
}
