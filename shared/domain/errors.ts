/**
 * The few typed errors the system raises. They are mapped to HTTP in one place
 * (shared/adapters/http/error-response.ts); nothing else decides a status code.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: FieldProblem[];
  constructor(message: string, details: FieldProblem[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** The request is malformed: wrong shape, wrong types, unknown fields. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
}

/** The thing asked for does not exist (or the caller may not know that it does). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The change collides with the current state (a duplicate, a concurrent write). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** The caller's If-Match does not name the current version. */
export class StaleVersionError extends DomainError {
  readonly code = 'stale_version';
}

/** An edit of a versioned document came without If-Match. */
export class PreconditionRequiredError extends DomainError {
  readonly code = 'precondition_required';
}

/** The caller's role does not allow this. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** The request is well formed but breaks a rule of ../shared/DOMAIN.md, named by its id. */
export class RuleViolation extends DomainError {
  readonly code = 'rule_violation';
  readonly ruleId: string;
  constructor(ruleId: string, message: string, details: FieldProblem[] = []) {
    super(`${message} (${ruleId})`, details);
    this.ruleId = ruleId;
  }
}

/**
 * A change was stored, but the sign-in directory (Cognito groups, a leaver's sign-in) could not be brought
 * into step with it just now (R-TEAM-5). Nothing is lost: the stored record is right, and syncing again from
 * it is safe to repeat. A 503, never a 500: the caller retries the sync, not the change.
 */
export class SignInOutOfStep extends DomainError {
  readonly code = 'sign_in_sync_pending';
}
