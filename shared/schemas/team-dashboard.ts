import { SubmissionSchema } from './contact.ts';
import { WorkToReallocateSchema } from './departure.ts';
import { lazySchema } from './lazy-schema.ts';
import { MeetingSchema } from './meeting.ts';
import { AbsenceSchema } from './staff.ts';
import { TeamAssignmentSchema, TeamSchema } from './team.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** A team's view (R-TEAM-3: the operations manager's oversight of risk in the team's area). */
const PersonSchema = /* @__PURE__ */ lazySchema(() => z.object({ staffId: z.string(), name: z.string() }));

export const TeamDashboardSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      team: TeamSchema,
      on: z.iso.date(),
      providers: z.array(TeamAssignmentSchema),
      /** What the engagement plan in force says is missing (relationship holders, corporate leads, reviews). */
      providersMissingHolders: z.array(
        z.object({
          providerId: z.string(),
          providerName: z.string(),
          missing: z.array(z.looseObject({ kind: z.string(), ruleId: z.optional(z.string()) })),
        }),
      ),
      overdueMeetings: z.array(MeetingSchema),
      unbookedMeetings: z.array(MeetingSchema),
      /** Oldest first, with how many days each has waited. */
      openSubmissions: z.array(z.extend(SubmissionSchema, { daysWaiting: z.number().check(z.int()) })),
      absences: z.array(z.extend(PersonSchema, { absence: AbsenceSchema, cover: WorkToReallocateSchema })),
      leavers: z.array(z.extend(PersonSchema, { leftOn: z.iso.date(), toReallocate: WorkToReallocateSchema })),
      /**
       * The admin queue, oldest first (at most 100; GET /admin-queue pages through all): what providers with no
       * team yet sent (R-TEAM-2), for a team to take on by giving the provider a team.
       */
      adminQueue: z.array(z.extend(SubmissionSchema, { daysWaiting: z.number().check(z.int()) })),
    }),
    'TeamDashboard',
  ),
);

export type TeamDashboard = z.infer<typeof TeamDashboardSchema>;
