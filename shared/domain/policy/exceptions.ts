import type { Actor } from '../actor.ts';
import { ForbiddenError, RuleViolation } from '../errors.ts';
import type { StaffRole } from '../vocabulary.ts';
import { DEFAULT_RULE_IDS } from './types.ts';

/**
 * R-EXC-1: "usually", "normally", "should", "to be confirmed" and "as determined by risk" are defaults, not
 * walls. A booking or allocation that departs from one is refused unless it carries an exception reason,
 * which is kept with the record, audited, shown on the engagement plan and counted. Only staff who allocate
 * relationships may give one (the roles of PUT …/relationship-holder, checked equal in the role matrix test).
 */
export const EXCEPTION_ROLES: readonly StaffRole[] = [
  'admin',
  'inspection-manager',
  'head-of-inspection',
  'operations-manager',
  'deputy-director',
];

/** One way a booking departs from the rule its meeting was planned under. */
export interface Departure {
  ruleId: string;
  message: string;
}

export const isDefaultRule = (ruleId: string): boolean => DEFAULT_RULE_IDS.has(ruleId);

/** Whether this actor may give an exception reason (R-EXC-1). */
export function mayGiveException(actor: Actor): boolean {
  return actor.type === 'staff' && actor.roles.some((role) => (EXCEPTION_ROLES as readonly string[]).includes(role));
}

/**
 * Decides on the departures a booking makes: none, nothing to decide; a hard rule among them, refused (422
 * naming it) whatever the reason; only defaults, refused without a reason (422 naming the first, saying a
 * reason would do), refused (403) when the reason comes from someone who does not allocate, and otherwise
 * accepted as an exception to the first rule departed from.
 */
export function decideDepartures(
  departures: readonly Departure[],
  exceptionReason: string | undefined,
  actor: Actor,
): { ruleId: string; reason: string } | null {
  const [first] = departures;
  if (!first) return null;
  const hard = departures.find((departure) => !isDefaultRule(departure.ruleId));
  if (hard) throw new RuleViolation(hard.ruleId, hard.message);
  if (!exceptionReason) {
    throw new RuleViolation(first.ruleId, `${first.message}; to depart from it, give an exceptionReason (R-EXC-1)`, [
      { path: 'body.exceptionReason', message: `required to depart from ${first.ruleId}` },
    ]);
  }
  if (!mayGiveException(actor)) {
    throw new ForbiddenError(
      `Only staff who allocate relationships (${EXCEPTION_ROLES.join(', ')}) may give an exception to ${first.ruleId} (R-EXC-1)`,
    );
  }
  return { ruleId: first.ruleId, reason: exceptionReason };
}
