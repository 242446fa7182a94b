import * as z from 'zod';

/** CQC registration ids look like "1-101639192" (a digit, a dash, digits). */
export const CqcIdSchema = z
  .string()
  .trim()
  .regex(/^\d{1,2}-\d{3,15}$/, 'must be a CQC registration id such as 1-101639192');

/** A national independent mental health provider, marked by staff (issue 16): the import places it in that sector. */
export const MarkMentalHealthProviderSchema = z
  .object({ name: z.string().trim().min(1).max(200) })
  .strict()
  .meta({ id: 'MarkMentalHealthProvider' });

export const MentalHealthProviderSchema = z
  .object({
    registrationId: z.string(),
    name: z.string(),
    markedAt: z.iso.datetime(),
    markedBy: z.string(),
  })
  .meta({ id: 'MentalHealthProvider' });

export const MentalHealthProviderListSchema = z
  .object({ items: z.array(MentalHealthProviderSchema) })
  .meta({ id: 'MentalHealthProviderList' });

export const RegistrationPathSchema = z.object({ registrationId: CqcIdSchema }).strict();

export type MentalHealthProvider = z.infer<typeof MentalHealthProviderSchema>;
