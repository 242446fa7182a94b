import { isCalendarDay, isSupportedDay, londonDate, SUPPORTED_DAYS } from '../domain/calendar.ts';
import { lazySchema } from './lazy-schema.ts';
import * as z from './zod.ts';

// Every schema here and in the other schema modules is built on its first use, not at import (issue 17):
// `lazySchema(() => …)` (lazy-schema.ts), so a cold start builds none and a request builds only its own
// route's schemas. The calls are marked `/* @__PURE__ */` too, so a function's bundle keeps only the schemas
// its routes and code use. A schema built from others composes them inside its own `lazySchema` (as
// `z.extend(X, …)` would otherwise build X at import).

/** Ids are opaque strings the server makes (ULIDs). */
export const IdSchema = /* @__PURE__ */ lazySchema(() =>
  z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id this service issued')),
);

export const ErrorBodySchema = /* @__PURE__ */ lazySchema(() =>
  z.named(
    z.object({
      error: z.object({
        code: z.string(),
        message: z.string(),
        details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
        ruleId: z.optional(z.string()),
      }),
    }),
    'Error',
  ),
);

export const PageQuerySchema = /* @__PURE__ */ lazySchema(() =>
  z.strictObject({
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
    nextToken: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  }),
);

export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.nullable(z.string()) });

/**
 * Control characters (C0, DEL, C1: CR, LF, tab, NUL…) and the Unicode line and paragraph separators.
 * A name or other one-line field holding one breaks what it is written into (an email header, a
 * calendar invite's ATTENDEE line: one CR/LF in a contact's name stopped every invite to them,
 * issue 12 item 9), so one-line fields refuse them all. Longer text keeps tab and new lines only.
 */
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_EXCEPT_NEW_LINES = /[\p{Cc}\u2028\u2029](?<![\t\n\r])/u;

/**
 * One line of text, trimmed of surrounding white space, 1 to `max` characters, no control characters.
 * The check runs before trimming, so a trailing CR/LF is refused too rather than trimmed away unseen.
 */
export const singleLine = (max: number) =>
  z.string().check(
    z.refine((value) => !LINE_BREAKING.test(value), { message: 'must be one line, without control characters' }),
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
  );

/** Free text of several lines (notes, comments): trimmed, 1 to `max` characters, no control characters but tab and new lines. */
export const multiLine = (max: number) =>
  z.string().check(
    z.refine((value) => !CONTROL_EXCEPT_NEW_LINES.test(value), {
      message: 'must not hold control characters (new lines and tabs are fine)',
    }),
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
  );

export const NameSchema = /* @__PURE__ */ lazySchema(() => singleLine(200));
export const EmailSchema = /* @__PURE__ */ lazySchema(() => z.email().check(z.maxLength(254)));

/**
 * A day the service accepts: a real calendar day written YYYY-MM-DD from 2000-01-01 to 2099-12-31
 * (shared/domain/calendar.ts). Far-past and far-future days are refused here, with a 400 naming the
 * field, before any key or period is built from them (issue 12 item 5: 0099-06-01 was a 500).
 */
export const DaySchema = /* @__PURE__ */ lazySchema(() =>
  z.iso
    .date()
    // A malformed day already has its format issue; only a real day is checked against the range.
    .check(
      z.refine((value) => !isCalendarDay(value) || isSupportedDay(value), { message: `must be ${SUPPORTED_DAYS}` }),
    ),
);

/** An instant with its offset (ISO 8601), on a London day the service accepts. */
export const InstantSchema = /* @__PURE__ */ lazySchema(() =>
  z.iso.datetime({ offset: true }).check(
    z.refine((value) => Number.isNaN(Date.parse(value)) || isSupportedDay(londonDate(new Date(value))), {
      message: `must fall on ${SUPPORTED_DAYS}`,
    }),
  ),
);
