import type { AdHocMode } from '../../schemas/engagement.ts';
import type { Meeting } from '../../schemas/meeting.ts';

/**
 * Ad hoc meetings (R-CAD-11: "holders may stay in contact more regularly, for example by
 * teleconference"). They are recorded beside the planned ones but are not what the cadence asks
 * for, so they never count towards it and are never overdue. Pure.
 */
export const AD_HOC_RULE = 'R-CAD-11';
export const AD_HOC_TYPE = 'ad-hoc';

/** How an ad hoc meeting's mode is held, in the planned meetings' terms (R-CAD-9: in person, telephone, video). */
export const MODE_OF: Readonly<Record<AdHocMode, Meeting['mode'] & string>> = {
  call: 'telephone',
  teleconference: 'telephone',
  video: 'video',
  visit: 'in-person',
};

/** Whether a meeting is one the cadence required: only those count, go overdue or are designated (R-CAD-1..8). */
export const countsTowardsCadence = (meeting: Pick<Meeting, 'ruleId'>): boolean => meeting.ruleId !== AD_HOC_RULE;

/**
 * An ad hoc meeting still to come is booked (and its attendees invited); one whose start has passed is
 * being recorded after the event, so it is held at its start, and nobody is invited to the past.
 */
export const adHocStatus = (startsAt: string, now: Date): 'booked' | 'held' =>
  new Date(startsAt).getTime() > now.getTime() ? 'booked' : 'held';
