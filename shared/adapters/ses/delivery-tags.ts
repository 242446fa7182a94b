import type { DeliveryKey } from '../../use-cases/deliver-emails.ts';

/**
 * The delivery record an email was sent under, carried on the email as SES message tags, so SES's later
 * events (rendering failure, reject) can be recorded against it. Tag values may hold only letters, digits,
 * `_`, `-`, `.` and `@` (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_MessageTag.html), and
 * the keys hold `#`: so base64url, which fits.
 */
export const DELIVERY_PK_TAG = 'deliveryPk';
export const DELIVERY_SK_TAG = 'deliverySk';

const encode = (value: string) => Buffer.from(value, 'utf8').toString('base64url');

export const deliveryTags = (key: DeliveryKey): Record<string, string> => ({
  [DELIVERY_PK_TAG]: encode(key.pk),
  [DELIVERY_SK_TAG]: encode(key.sk),
});

/** The delivery key of an SES event's tags (each a list, as SES sends them), or null if it has none. */
export function deliveryKeyOfTags(tags: Record<string, string[]> | undefined): DeliveryKey | null {
  const pk = tags?.[DELIVERY_PK_TAG]?.[0];
  const sk = tags?.[DELIVERY_SK_TAG]?.[0];
  if (!pk || !sk || !/^[A-Za-z0-9_-]+$/.test(pk + sk)) return null;
  return { pk: Buffer.from(pk, 'base64url').toString('utf8'), sk: Buffer.from(sk, 'base64url').toString('utf8') };
}
