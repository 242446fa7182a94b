import { DaySchema, IdSchema, InstantSchema, multiLine, singleLine } from './common.ts';
import { AD_HOC_MODES, PartnerAttendeeSchema } from './engagement.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

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
export const ExceptionReasonSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
);

/** R-EXC-1: the default rule departed from and the reason given, kept with the record. */
export const RuleExceptionSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ ruleId: z.string(), reason: z.string() }), 'RuleException'),
);

export const ActionSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    actionId: IdSchema,
    description: z.string(),
    owner: z.string(),
    dueDate: z.iso.date(),
    status: z.enum(['open', 'done']),
    /** R-CAD-9: when and by whom it was marked done; absent while open (and on actions recorded before). */
    doneAt: z.optional(z.nullable(z.iso.datetime())),
    doneBy: z.optional(z.nullable(z.string())),
  }),
);

/** R-CAD-9: mark an agreed action done (or open again). */
export const UpdateActionSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.strictObject({ status: z.enum(['open', 'done']) }), 'UpdateAction'),
);
export type UpdateActionInput = z.infer<typeof UpdateActionSchema>;

export const MeetingActionPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ meetingId: IdSchema, actionId: IdSchema }),
);

export const MeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      meetingId: IdSchema,
      providerId: IdSchema,
      providerName: z.string(),
      type: z.string(),
      level: z.enum(['provider', 'location']),
      locationId: z.nullable(IdSchema),
      ruleId: z.string(),
      policyId: z.nullable(z.string()),
      summary: z.string(),
      period: z.string(),
      dueBy: z.iso.date(),
      status: z.enum(MEETING_STATUSES),
      startsAt: z.nullable(z.iso.datetime({ offset: true })),
      durationMinutes: z.nullable(z.number().check(z.int())),
      mode: z.nullable(z.enum(MEETING_MODES)),
      venue: z.nullable(z.string()),
      /**
       * History (R-REL-2): the provider's relationship holder when the meeting was planned. Who holds it now is
       * read from the current relationships when it matters (dashboards' `currentHolder`, reminders, alerts).
       */
      holderStaffId: z.nullable(IdSchema),
      lead: z.nullable(StaffAttendeeSchema),
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
        also: z.optional(
          z.object({
            ruleId: z.string(),
            regulatorAttendees: z.array(z.string()),
            providerAttendees: z.array(z.string()),
          }),
        ),
      }),
      /** R-EXC-1: the default rule this booking departs from, with the reason; absent on meetings booked before exceptions. */
      exception: z.optional(z.nullable(RuleExceptionSchema)),
      cancelReason: z.nullable(z.string()),
      heldAt: z.nullable(z.iso.datetime({ offset: true })),
      notes: z.nullable(z.string()),
      actions: z.array(ActionSchema),
      overdueNotifiedAt: z.nullable(z.iso.datetime()),
      /** The current share of the pre-meeting template (R-TPL-2); re-sharing replaces it, revoking older links. */
      share: z.nullable(
        z.object({
          shareId: z.string(),
          templateVersion: z.number().check(z.int()),
          sharedAt: z.iso.datetime(),
          closesAt: z.iso.datetime({ offset: true }),
        }),
      ),
      inviteSequence: z.number().check(z.int()),
      /** R-CAD-11: an ad hoc meeting's mode as given (a call, a teleconference…); absent on planned meetings. */
      channel: z.optional(z.enum(AD_HOC_MODES)),
      /** R-CAD-12: partner organisations' attendees (NHS Improvement…); absent on meetings recorded before. */
      partnerAttendees: z.optional(z.array(PartnerAttendeeSchema)),
      version: z.number().check(z.int()),
      createdAt: z.iso.datetime(),
      createdBy: z.string(),
      updatedAt: z.iso.datetime(),
      updatedBy: z.string(),
    }),
    'Meeting',
  ),
);

/** Book a planned meeting, or change a booked one (reschedule, attendees, mode). */
export const BookMeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.partial(
          z.object({
            startsAt: InstantSchema,
            durationMinutes: z.number().check(z.int(), z.gte(15), z.lte(480)),
            mode: z.enum(MEETING_MODES),
            venue: z.nullable(singleLine(300)),
            leadStaffId: IdSchema,
            regulatorStaffIds: z.array(IdSchema).check(z.maxLength(30)),
            providerContactIds: z.array(IdSchema).check(z.maxLength(30)),
            groupsToMeet: z.array(singleLine(200)).check(z.maxLength(10)),
            /** R-CAD-12: partner organisations' attendees (NHS Improvement…), on any meeting; they get no invite from us. */
            partnerAttendees: z.array(PartnerAttendeeSchema).check(z.maxLength(20)),
            /** R-EXC-1: why this booking departs from a default rule of its meeting (R-CAD-1, R-CAD-2, R-CAD-4, R-CAD-5). */
            exceptionReason: ExceptionReasonSchema,
          }),
        ),
      )
      .check(z.refine((patch) => Object.keys(patch).length > 0, { message: 'give at least one field to change' })),
    'BookMeeting',
  ),
);

export const CancelMeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.strictObject({ reason: singleLine(500) }), 'CancelMeeting'),
);

export const MeetingOutcomeSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      heldAt: z.optional(InstantSchema),
      notes: multiLine(20_000),
      actions: z._default(
        z
          .array(
            z.strictObject({
              description: singleLine(1000),
              owner: singleLine(200),
              dueDate: DaySchema,
            }),
          )
          .check(z.maxLength(50)),
        [],
      ),
    }),
    'MeetingOutcome',
  ),
);

export const MeetingPathSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ meetingId: IdSchema }));
export const ListMeetingsQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
    nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }),
);
export const MeetingPageSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.object({ items: z.array(MeetingSchema), nextToken: z.nullable(z.string()) }), 'MeetingPage'),
);

export const JobPathSchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({ job: z.enum(['quarterly-planning', 'annual-planning', 'daily']) }),
);
export const StartJobSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      runAs: DaySchema,
      /** Report what the run would plan or send, writing and sending nothing (issue 12 item 6). */
      dryRun: z._default(z.boolean(), false),
    }),
    'StartJob',
  ),
);

export type Meeting = z.infer<typeof MeetingSchema>;
export type BookMeetingInput = z.infer<typeof BookMeetingSchema>;
export type MeetingOutcomeInput = z.infer<typeof MeetingOutcomeSchema>;
