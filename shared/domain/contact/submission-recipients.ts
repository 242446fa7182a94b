import { actingFor, type CoverableStaff } from '../cover.ts';
import { dayInWords } from '../emails/in-words.ts';
import { hasLeft } from '../leaver.ts';
import type { StaffRole } from '../vocabulary.ts';
import { pickCoordinator, type SubmissionRoute } from './route-submission.ts';

/**
 * Who receives a submission, once the policy has said which kind of person (routeSubmission): the actual
 * people, on the day (R-REL-4, R-REL-6, R-TEAM-4, R-TEAM-5, R-REL-2).
 * - The holder the policy gives, or whoever covers for them that day (R-TEAM-5); a holder who has left is
 *   never chosen: their provider's submissions go to the team's co-ordinator until the relationship is
 *   reallocated.
 * - Otherwise the regulatory co-ordinator of the provider's team (R-TEAM-4), the same one while the provider
 *   stays with the team: the first routing stores which co-ordinator it is (the assignment), and later
 *   routings keep it, so co-ordinators joining this team or any other never move it. A new one is picked only
 *   when the stored one has left, lost the role or moved team (R-TEAM-5), deterministically by the provider's
 *   id over the team's co-ordinators present.
 * - A provider with no team yet (or a team with no co-ordinator present) waits in the admin queue (R-TEAM-2),
 *   so nothing sent is left with nobody.
 * - A Market Oversight provider's submissions also go to its corporate relationship manager, its corporate
 *   lead (R-REL-4 product rule, R-CORP-4), or whoever covers for them.
 * Pure: the people, the stored assignment and the day are passed in.
 */
export interface RoutableStaff extends CoverableStaff {
  name: string;
  roles: readonly StaffRole[];
  teamId: string | null;
}

export interface Recipient {
  staffId: string;
  /** Set when the recipient is covering for the person the rule names (R-TEAM-5). */
  coveringFor: string | null;
}

export type PrimaryRecipient =
  | (Recipient & {
      to: 'relationship-holder' | 'regulatory-coordinator';
      teamId: string | null;
      ruleId: string;
      policyId: string | null;
      why: string;
    })
  | {
      to: 'admin-queue';
      staffId: null;
      coveringFor: null;
      teamId: string | null;
      ruleId: string;
      policyId: string | null;
      why: string;
    };

export interface AlsoRecipient extends Recipient {
  to: 'corporate-relationship-manager';
  ruleId: string;
  why: string;
}

export interface SubmissionRecipients {
  primary: PrimaryRecipient;
  also: AlsoRecipient[];
  /** The co-ordinator assignment to store (new, or replacing one who can no longer take it); null: keep what is stored. */
  assign: { teamId: string; staffId: string; replacing: string | null } | null;
}

export interface RecipientFacts {
  providerId: string;
  marketOversight: boolean;
  /** The policy's answer for the provider on the day. */
  route: SubmissionRoute;
  /** The provider's team now (R-TEAM-2), or null before it has one. */
  team: { teamId: string; name: string } | null;
  /** The team's members now (its staff list). */
  teamStaff: readonly RoutableStaff[];
  /** The co-ordinator stored for this provider in this team, if any. */
  assigned: { staffId: string } | null;
  corporateLead: { staffId: string } | null;
  /** Everyone the caller knows of: the team, the holder, the corporate lead and their covers. */
  staffById: (staffId: string) => RoutableStaff | undefined;
  day: string;
}

const coordinatorOf = (member: RoutableStaff, teamId: string, day: string): boolean =>
  member.roles.includes('regulatory-coordinator') && member.teamId === teamId && !hasLeft(member, day);

function coverNote(facts: RecipientFacts, acting: Recipient): string {
  if (!acting.coveringFor) return '';
  const absent = facts.staffById(acting.coveringFor);
  const until = absent?.absence ? ` until ${dayInWords(absent.absence.to)}` : '';
  return `; ${absent?.name ?? 'they'} ${absent?.name ? 'is' : 'are'} away${until}, so it goes to their cover (R-TEAM-5)`;
}

function coordinatorRecipient(facts: RecipientFacts, reason: { ruleId: string; policyId: string | null; why: string }) {
  const { team, day } = facts;
  if (!team) {
    return {
      primary: {
        to: 'admin-queue' as const,
        staffId: null,
        coveringFor: null,
        teamId: null,
        ...reason,
        why: `${reason.why}; the provider has no assessment team yet, so it waits in the admin queue until one is made responsible (R-TEAM-2)`,
      },
      assign: null,
    };
  }
  const present = facts.teamStaff.filter((member) => coordinatorOf(member, team.teamId, day));
  const kept = facts.assigned ? present.find((member) => member.staffId === facts.assigned?.staffId) : undefined;
  const chosen =
    kept?.staffId ??
    pickCoordinator(
      facts.providerId,
      present.map((member) => member.staffId),
    );
  if (!chosen) {
    return {
      primary: {
        to: 'admin-queue' as const,
        staffId: null,
        coveringFor: null,
        teamId: team.teamId,
        ...reason,
        why: `${reason.why}; ${team.name} has no regulatory co-ordinator present, so it waits in the admin queue (R-TEAM-4, R-TEAM-5)`,
      },
      assign: null,
    };
  }
  const acting = actingFor(chosen, day, facts.staffById);
  return {
    primary: {
      to: 'regulatory-coordinator' as const,
      ...acting,
      teamId: team.teamId,
      ...reason,
      why: `${reason.why}; ${team.name}’s regulatory co-ordinator for this provider (R-TEAM-4)${coverNote(facts, acting)}`,
    },
    assign: kept ? null : { teamId: team.teamId, staffId: chosen, replacing: facts.assigned?.staffId ?? null },
  };
}

function primaryRecipient(facts: RecipientFacts): Omit<SubmissionRecipients, 'also'> {
  const { route, day } = facts;
  const reason = { ruleId: route.ruleId, policyId: route.policyId, why: route.why };
  if (route.to !== 'relationship-holder') return coordinatorRecipient(facts, reason);
  const holder = facts.staffById(route.staffId);
  if (!holder || hasLeft(holder, day)) {
    return coordinatorRecipient(facts, {
      ruleId: 'R-TEAM-5',
      policyId: route.policyId,
      why: `The relationship holder${holder ? `, ${holder.name}, left on ${dayInWords(holder.leftOn ?? day)}` : ' is no longer registered'}: the team’s regulatory co-ordinator handles it until the relationship is reallocated`,
    });
  }
  const acting = actingFor(holder.staffId, day, facts.staffById);
  return {
    primary: {
      to: 'relationship-holder',
      ...acting,
      teamId: facts.team?.teamId ?? null,
      ...reason,
      why: `${route.why}${coverNote(facts, acting)}`,
    },
    assign: null,
  };
}

export function submissionRecipients(facts: RecipientFacts): SubmissionRecipients {
  const { primary, assign } = primaryRecipient(facts);
  const also: AlsoRecipient[] = [];
  const lead = facts.corporateLead ? facts.staffById(facts.corporateLead.staffId) : undefined;
  if (facts.marketOversight && lead && !hasLeft(lead, facts.day)) {
    const acting = actingFor(lead.staffId, facts.day, facts.staffById);
    if (acting.staffId !== primary.staffId) {
      also.push({
        to: 'corporate-relationship-manager',
        ...acting,
        ruleId: 'R-REL-4',
        why: `A Market Oversight provider’s submissions also go to its corporate relationship manager (R-REL-4, R-CORP-4)${coverNote(facts, acting)}`,
      });
    }
  }
  return { primary, also, assign };
}
