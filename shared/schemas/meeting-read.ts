import { IdSchema } from './common.ts';
import { lazySchema } from './lazy-schema.ts';
import { MeetingSchema } from './meeting.ts';
import * as z from './zod.ts';

const PersonSchema = /* @__PURE__ */ lazySchema(() => z.object({ staffId: IdSchema, name: z.string() }));

/**
 * Who holds a meeting's relationship now (R-REL-2), as `GET /meetings/{meetingId}` answers it: the person who
 * acts today (staffId, name) and, while the holder is away, the holder they cover for (R-TEAM-5). null when
 * nobody holds the relationship now (or its holder has left). Read when asked, never stored on the meeting:
 * `holderStaffId` stays the holder when it was planned (history).
 */
export const CurrentHolderSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.nullable(z.extend(PersonSchema, { coveringFor: z.nullable(PersonSchema) })), 'CurrentHolder'),
);

/** A meeting as read by one request: the stored meeting plus who holds its relationship now (add-only). */
export const MeetingAsReadSchema = /* @__PURE__ */ lazySchema(() =>
  z.named(z.extend(MeetingSchema, { currentHolder: CurrentHolderSchema }), 'MeetingAsRead'),
);

export type CurrentHolder = z.infer<typeof CurrentHolderSchema>;
export type MeetingAsRead = z.infer<typeof MeetingAsReadSchema>;
