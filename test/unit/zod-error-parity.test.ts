import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { StepSchema } from '../../functions/register-import/steps.ts';
import { PageQuerySchema } from '../../shared/schemas/common.ts';
import { BookMeetingSchema, MeetingOutcomeSchema } from '../../shared/schemas/meeting.ts';
import { CreateProviderSchema, ListProvidersQuerySchema, UpdateProviderSchema } from '../../shared/schemas/provider.ts';
import { type SchemaAnswers, schemaAnswers } from './support/schema-probes.ts';

/**
 * Issue 17 moved every schema from classic zod to zod/mini, whose bundle is half the size. "Nothing is lost":
 * a caller gets the same error details (path and message) and the same parsed values as before. The
 * expected answers below, and those in fixtures/zod-error-answers.json, were recorded from the classic
 * schemas before the move (same probes: support/schema-probes.ts).
 */
type Answer = { ok: unknown } | { issues: { path: string; message: string; keys?: string[] }[] };
const answer = (schema: { safeParse: (input: unknown) => unknown }, input: unknown): Answer => {
  const result = schema.safeParse(input) as
    | { success: true; data: unknown }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string; keys?: string[] }[] } };
  if (result.success) return { ok: result.data };
  return {
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
      ...(issue.keys ? { keys: issue.keys } : {}),
    })),
  };
};

const SECTOR_OPTIONS =
  '"nhs-trust"|"community-interest-company"|"independent-healthcare"|"independent-mental-health"|"adult-social-care"|"primary-medical-services"|"primary-dental-care"|"independent-ambulance"';

describe('validation errors read as they did with classic zod (issue 17)', () => {
  it('names every wrong field of a new provider, nested contacts and unknown keys included', () => {
    const input = {
      name: '  ',
      sector: 'nonsense',
      contacts: [{ name: 'A\nB', email: 'nope', roles: [] }],
      extra: 1,
    };
    expect(answer(CreateProviderSchema, input)).toEqual({
      issues: [
        { path: 'name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'sector', message: `Invalid option: expected one of ${SECTOR_OPTIONS}` },
        { path: 'contacts.0.name', message: 'must be one line, without control characters' },
        { path: 'contacts.0.email', message: 'Invalid email address' },
        { path: 'contacts.0.roles', message: 'Too small: expected array to have >=1 items' },
        { path: '', message: 'Unrecognized key: "extra"', keys: ['extra'] },
      ],
    });
  });

  it('trims a new provider’s name and fills its defaults', () => {
    expect(answer(CreateProviderSchema, { name: ' Acme Care ', sector: 'adult-social-care' })).toEqual({
      ok: { name: 'Acme Care', sector: 'adult-social-care', marketOversight: false, contacts: [] },
    });
  });

  it('refuses an empty provider patch with the refinement’s own words', () => {
    expect(answer(UpdateProviderSchema, {})).toEqual({
      issues: [{ path: '', message: 'give at least one field to change' }],
    });
  });

  it('checks a coerced page size, a trimmed name and the one-search-at-a-time refinement together', () => {
    expect(answer(ListProvidersQuerySchema, { limit: '0', name: 'a', sector: 'adult-social-care' })).toEqual({
      issues: [
        { path: 'limit', message: 'Too small: expected number to be >=1' },
        { path: 'name', message: 'Too small: expected string to have >=2 characters' },
        { path: '', message: 'give at most one of sector, name and registrationId' },
      ],
    });
    expect(answer(ListProvidersQuerySchema, { name: ' ab ', limit: '7' })).toEqual({ ok: { limit: 7, name: 'ab' } });
  });

  it('refuses a fractional page size and an empty page token', () => {
    expect(answer(PageQuerySchema, { limit: '1.5', nextToken: '' })).toEqual({
      issues: [
        { path: 'limit', message: 'Invalid input: expected int, received number' },
        { path: 'nextToken', message: 'Too small: expected string to have >=1 characters' },
      ],
    });
  });

  it('names a booking’s day out of range, short duration, unknown mode and malformed id', () => {
    const input = {
      startsAt: '2100-01-01T10:00:00Z',
      durationMinutes: 10,
      mode: 'phone',
      regulatorStaffIds: ['x'],
    };
    expect(answer(BookMeetingSchema, input)).toEqual({
      issues: [
        { path: 'startsAt', message: 'must fall on a day from 2000-01-01 to 2099-12-31' },
        { path: 'durationMinutes', message: 'Too small: expected number to be >=15' },
        { path: 'mode', message: 'Invalid option: expected one of "in-person"|"telephone"|"video"' },
        { path: 'regulatorStaffIds.0', message: 'must be an id this service issued' },
      ],
    });
  });

  it('checks control characters before trimming, and names a day that does not exist', () => {
    const input = { notes: 'nul\u0000', actions: [{ description: '', owner: 'Sam', dueDate: '2026-02-30' }] };
    expect(answer(MeetingOutcomeSchema, input)).toEqual({
      issues: [
        { path: 'notes', message: 'must not hold control characters (new lines and tabs are fine)' },
        { path: 'actions.0.description', message: 'Too small: expected string to have >=1 characters' },
        { path: 'actions.0.dueDate', message: 'Invalid ISO date' },
      ],
    });
  });

  it('names the register import step’s wrong fields and an unknown step', () => {
    expect(answer(StepSchema, { step: 'shard', importId: '', shard: -1 })).toEqual({
      issues: [
        { path: 'importId', message: 'Too small: expected string to have >=1 characters' },
        { path: 'shard', message: 'Too small: expected number to be >=0' },
      ],
    });
    expect(answer(StepSchema, { step: 'nope' })).toEqual({
      issues: [
        { path: 'step', message: "Invalid discriminator value. Expected 'split' | 'shard' | 'finish' | 'failed'" },
      ],
    });
  });
});

describe('every schema answers every probe as it did with classic zod (issue 17)', () => {
  const recorded = JSON.parse(
    readFileSync(new URL('./fixtures/zod-error-answers.json', import.meta.url), 'utf8'),
  ) as SchemaAnswers;
  let answers: Promise<SchemaAnswers>;
  // Some 40,000 parses: longer than a test's default 5 s on a busy machine.
  beforeAll(() => {
    answers = schemaAnswers();
    return answers.then(() => undefined);
  }, 60_000);

  it('draws the same error messages, word for word', async () => {
    expect((await answers).messages).toEqual(recorded.messages);
  });

  it.each(Object.keys(recorded.digests))('%s: the same details and parsed values for every probe', async (name) => {
    expect((await answers).digests[name]).toBe(recorded.digests[name]);
  });

  it('probes every exported schema, no more and no fewer', async () => {
    expect(Object.keys((await answers).digests)).toEqual(Object.keys(recorded.digests));
  });
});
