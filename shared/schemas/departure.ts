import { SubmissionSchema } from './contact.ts';
import { lazySchema } from './lazy-schema.ts';
import { MeetingSchema } from './meeting.ts';
import { RelationshipSchema } from './relationship.ts';
import { StaffSchema } from './staff.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** A leaver's work to reallocate (R-TEAM-5), as the departure answers it and the team dashboard lists it. */
export const WorkToReallocateSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      relationships: z.array(RelationshipSchema),
      corporateLeads: z.array(RelationshipSchema),
      openMeetings: z.array(MeetingSchema),
      openSubmissions: z.array(SubmissionSchema),
    }),
    'WorkToReallocate',
  ),
);

export const DepartureAnswerSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ staff: StaffSchema, toReallocate: WorkToReallocateSchema }), 'DepartureAnswer'),
);

export type WorkToReallocate = z.infer<typeof WorkToReallocateSchema>;
export type DepartureAnswer = z.infer<typeof DepartureAnswerSchema>;
