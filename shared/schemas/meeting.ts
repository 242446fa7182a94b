import * as z from 'zod';
import { DaySchema, IdSchema, InstantSchema, multiLine, singleLine } from './common.ts';
import { AD_HOC_MODES, PartnerAttendeeSchema } from './engagement.ts';
import { lazySchema } from './lazy-schema.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/** Meetings (R-CAD-9): type, level, mode, time (Europe/London), attendees on both sides, lead, status, notes, actions. */
export const MEETING_STATUSES = ['planned', 'booked', 'held', 'cancelled'] as const;
export const MEETING_MODES = ['in-person', 'telephone', 'video'] as const;

const StaffAttendeeSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ staffId: IdSchema, name: z.string(), roles: z.array(z.string()) }),
);
const ContactAttendeeSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ contactId: IdSchema, name: z.string(), roles: z.array(z.string()) }),
);

/** R-EXC-1: why a booking or allocation departs from a default rule ("usually", "normally"); only allocators give one. */
export const ExceptionReasonSchema = /* @__PURE__ */ lazySchema(() => z.string().trim().min(1).max(500));

/** R-EXC-1: the default rule departed from and the reason given, kept with the record. */
export const RuleExceptionSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ ruleId: z.string(), reason: z.string() }).meta({ id: 'RuleException' }),
);

export const ActionSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    actionId: IdSchema,
    description: z.string(),
    owner: z.string(),
    dueDate: z.iso.date(),
    status: z.enum(['open', 'done']),
    /** R-CAD-9: when and by whom it was marked done; absent while open (and on actions recorded before). */
    doneAt: z.iso.datetime().nullable().optional(),
    doneBy: z.string().nullable().optional(),
  }),
);

/** R-CAD-9: mark an agreed action done (or open again). */
export const UpdateActionSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ status: z.enum(['open', 'done']) })
    .strict()
    .meta({ id: 'UpdateAction' }),
);
export type UpdateActionInput = z.infer<typeof UpdateActionSchema>;

export const MeetingActionPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ meetingId: IdSchema, actionId: IdSchema }).strict(),
);

export const MeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      meetingId: IdSchema,
      providerId: IdSchema,
      providerName: z.string(),
      type: z.string(),
      level: z.enum(['provider', 'location']),
      locationId: IdSchema.nullable(),
      ruleId: z.string(),
      policyId: z.string().nullable(),
      summary: z.string(),
      period: z.string(),
      dueBy: z.iso.date(),
      status: z.enum(MEETING_STATUSES),
      startsAt: z.iso.datetime({ offset: true }).nullable(),
      durationMinutes: z.number().int().nullable(),
      mode: z.enum(MEETING_MODES).nullable(),
      venue: z.string().nullable(),
      /**
       * History (R-REL-2): the provider's relationship holder when the meeting was planned. Who holds it now is
       * read from the current relationships when it matters (dashboards' `currentHolder`, reminders, alerts).
       */
      holderStaffId: IdSchema.nullable(),
      lead: StaffAttendeeSchema.nullable(),
      regulatorAttendees: z.array(StaffAttendeeSchema),
      providerAttendees: z.array(ContactAttendeeSchema),
      /** R-CAD-10: staff or patient groups the regulator asked to meet. */
      groupsToMeet: z.array(z.string()),
      requirements: z.object({
        leadRoles: z.array(z.string()),
        regulatorAttendees: z.array(z.string()),
        providerAttendees: z.array(z.string()),
        modes: z.array(z.string()),
        /** R-CAD-5: the year's designated meeting must also include these people, under this rule. */
        also: z
          .object({
            ruleId: z.string(),
            regulatorAttendees: z.array(z.string()),
            providerAttendees: z.array(z.string()),
          })
          .optional(),
      }),
      /** R-EXC-1: the default rule this booking departs from, with the reason; absent on meetings booked before exceptions. */
      exception: RuleExceptionSchema.nullable().optional(),
      cancelReason: z.string().nullable(),
      heldAt: z.iso.datetime({ offset: true }).nullable(),
      notes: z.string().nullable(),
      actions: z.array(ActionSchema),
      overdueNotifiedAt: z.iso.datetime().nullable(),
      /** The current share of the pre-meeting template (R-TPL-2); re-sharing replaces it, revoking older links. */
      share: z
        .object({
          shareId: z.string(),
          templateVersion: z.number().int(),
          sharedAt: z.iso.datetime(),
          closesAt: z.iso.datetime({ offset: true }),
        })
        .nullable(),
      inviteSequence: z.number().int(),
      /** R-CAD-11: an ad hoc meeting's mode as given (a call, a teleconference…); absent on planned meetings. */
      channel: z.enum(AD_HOC_MODES).optional(),
      /** R-CAD-12: partner organisations' attendees (NHS Improvement…); absent on meetings recorded before. */
      partnerAttendees: z.array(PartnerAttendeeSchema).optional(),
      version: z.number().int(),
      createdAt: z.iso.datetime(),
      createdBy: z.string(),
      updatedAt: z.iso.datetime(),
      updatedBy: z.string(),
    })
    .meta({ id: 'Meeting' }),
);

/** Book a planned meeting, or change a booked one (reschedule, attendees, mode). */
export const BookMeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      startsAt: InstantSchema,
      durationMinutes: z.number().int().min(15).max(480),
      mode: z.enum(MEETING_MODES),
      venue: singleLine(300).nullable(),
      leadStaffId: IdSchema,
      regulatorStaffIds: z.array(IdSchema).max(30),
      providerContactIds: z.array(IdSchema).max(30),
      groupsToMeet: z.array(singleLine(200)).max(10),
      /** R-CAD-12: partner organisations' attendees (NHS Improvement…), on any meeting; they get no invite from us. */
      partnerAttendees: z.array(PartnerAttendeeSchema).max(20),
      /** R-EXC-1: why this booking departs from a default rule of its meeting (R-CAD-1, R-CAD-2, R-CAD-4, R-CAD-5). */
      exceptionReason: ExceptionReasonSchema,
    })
    .partial()
    .strict()
    .refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' })
    .meta({ id: 'BookMeeting' }),
);

export const CancelMeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({ reason: singleLine(500) })
    .strict()
    .meta({ id: 'CancelMeeting' }),
);

export const MeetingOutcomeSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      heldAt: InstantSchema.optional(),
      notes: multiLine(20_000),
      actions: z
        .array(
          z
            .object({
              description: singleLine(1000),
              owner: singleLine(200),
              dueDate: DaySchema,
            })
            .strict(),
        )
        .max(50)
        .default([]),
    })
    .strict()
    .meta({ id: 'MeetingOutcome' }),
);

export const MeetingPathSchema = /* @__PURE__ */ lazySchema(() => z.object({ meetingId: IdSchema }).strict());
export const ListMeetingsQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      limit: z.coerce.number().int().min(1).max(100).default(25),
      nextToken: z.string().min(1).max(2048).optional(),
    })
    .strict(),
);
export const MeetingPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ items: z.array(MeetingSchema), nextToken: z.string().nullable() }).meta({ id: 'MeetingPage' }),
);

export const JobPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ job: z.enum(['quarterly-planning', 'annual-planning', 'daily']) }).strict(),
);
export const StartJobSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      runAs: DaySchema,
      /** Report what the run would plan or send, writing and sending nothing (issue 12 item 6). */
      dryRun: z.boolean().default(false),
    })
    .strict()
    .meta({ id: 'StartJob' }),
);

export type Meeting = z.infer<typeof MeetingSchema>;
export type BookMeetingInput = z.infer<typeof BookMeetingSchema>;
export type MeetingOutcomeInput = z.infer<typeof MeetingOutcomeSchema>;
