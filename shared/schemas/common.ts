import * as z from 'zod';

/** Ids are opaque strings the server makes (ULIDs). */
export const IdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id this service issued');

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      ruleId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

export const PageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    nextToken: z.string().min(1).max(2048).optional(),
  })
  .strict();

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextToken: z.string().nullable() });

const shortText = (max: number) => z.string().trim().min(1).max(max);
export const NameSchema = shortText(200);
export const EmailSchema = z.email().max(254);
