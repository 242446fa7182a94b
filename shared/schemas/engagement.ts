import { IdSchema, InstantSchema, multiLine, NameSchema, pageOf, singleLine } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Schemas are marked pure so a bundle keeps only those it uses (issue 17; see common.ts).

/**
 * Engagement beyond planned meetings (R-CAD-11): ad hoc meetings, and contacts logged against the
 * provider (a call, a teleconference, an email, a visit, a video call). Neither counts towards a
 * cadence (R-CAD-1 to R-CAD-7): the engagement plan and the overdue sweep never read them.
 */
export const AD_HOC_MODES = ['call', 'teleconference', 'video', 'visit'] as const;
export const ACTIVITY_CHANNELS = ['call', 'teleconference', 'email', 'visit', 'video'] as const;
export type AdHocMode = (typeof AD_HOC_MODES)[number];

/** R-CAD-12: an attendee from a partner organisation (NHS Improvement, a commissioner, the local authority). */
export const PartnerAttendeeSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.strictObject({ name: NameSchema, organisation: singleLine(200) }), 'PartnerAttendee'),
);

const staffIds = /* @__PURE__ */ lazySchema(() =>
  z.array(IdSchema).check(
    z.maxLength(30),
    z.refine((ids) => new Set(ids).size === ids.length, { message: 'name each person once' }),
  ),
);

/** An ad hoc meeting (R-CAD-11): booked when it is still to come, recorded as held when it already happened. */
export const CreateAdHocMeetingSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.strictObject({
      mode: z.enum(AD_HOC_MODES),
      /** Leave out for a meeting with the provider as a whole. */
      locationId: z.optional(IdSchema),
      startsAt: InstantSchema,
      durationMinutes: z._default(z.number().check(z.int(), z.gte(5), z.lte(480)), 60),
      venue: z.optional(singleLine(300)),
      summary: z.optional(singleLine(500)),
      leadStaffId: IdSchema,
      regulatorStaffIds: z._default(staffIds, []),
      providerContactIds: staffIds.check(z.minLength(1)),
      partnerAttendees: z._default(z.array(PartnerAttendeeSchema).check(z.maxLength(20)), []),
    }),
    'CreateAdHocMeeting',
  ),
);

/** Someone on the provider's side of a contact: one of its contacts, or a person named. */
const ProviderPersonSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({ contactId: z.nullable(IdSchema), name: z.string() }),
);

/** A contact with the provider logged after the event (R-CAD-11). */
export const LogActivitySchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z
      .strict(
        z.object({
          channel: z.enum(ACTIVITY_CHANNELS),
          occurredAt: InstantSchema,
          locationId: z.optional(IdSchema),
          /** The regulator's side: at least the person logging it or the one who made the contact. */
          staffIds: staffIds.check(z.minLength(1)),
          providerContactIds: z._default(staffIds, []),
          /** People on the provider's side who are not among its contacts. */
          providerPeople: z._default(z.array(NameSchema).check(z.maxLength(30)), []),
          partnerAttendees: z._default(z.array(PartnerAttendeeSchema).check(z.maxLength(20)), []),
          summary: multiLine(5000),
        }),
      )
      .check(
        z.refine((input) => input.providerContactIds.length + input.providerPeople.length > 0, {
          message: 'name who you were in contact with at the provider (providerContactIds or providerPeople)',
          path: ['providerContactIds'],
        }),
      ),
    'LogActivity',
  ),
);

/** One item of a provider's engagement beyond planned meetings: a logged contact or an ad hoc meeting. */
export const ActivitySchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      activityId: IdSchema,
      providerId: IdSchema,
      providerName: z.string(),
      locationId: z.nullable(IdSchema),
      source: z.enum(['logged-contact', 'ad-hoc-meeting']),
      channel: z.enum(ACTIVITY_CHANNELS),
      occurredAt: z.iso.datetime({ offset: true }),
      staff: z.array(z.object({ staffId: IdSchema, name: z.string() })),
      providerPeople: z.array(ProviderPersonSchema),
      partnerAttendees: z.array(z.object({ name: z.string(), organisation: z.string() })),
      summary: z.string(),
      /** The ad hoc meeting, where this is one. */
      meetingId: z.nullable(IdSchema),
      /**
       * The ad hoc meeting's status as it is now (read with the list, so a cancelled or rescheduled one shows
       * so: `occurredAt` follows its current start); null for a logged contact.
       */
      meetingStatus: z.optional(z.nullable(z.enum(['planned', 'booked', 'held', 'cancelled']))),
      ruleId: z.literal('R-CAD-11'),
      recordedAt: z.iso.datetime(),
      recordedBy: z.string(),
    }),
    'Activity',
  ),
);

export const ActivityPageSchema = /* @__PURE__ */ lazySchema(() => z.named(pageOf(ActivitySchema), 'ActivityPage'));

export type CreateAdHocMeetingInput = z.infer<typeof CreateAdHocMeetingSchema>;
export type LogActivityInput = z.infer<typeof LogActivitySchema>;
export type Activity = z.infer<typeof ActivitySchema>;
export type PartnerAttendee = z.infer<typeof PartnerAttendeeSchema>;
