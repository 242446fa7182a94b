import { TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sesClient } from '../../shared/adapters/ses/client.ts';
import { sesEmailPreview } from '../../shared/adapters/ses/email-preview.ts';

/**
 * SES renders a preview at most once a second for the account
 * (https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_TestRenderEmailTemplate.html); SES local never
 * refuses, so the refusal is injected: the preview answers null (the page says to reload), anything else throws.
 */
afterEach(() => vi.restoreAllMocks());

describe('the email preview when SES is busy', () => {
  it('answers null for TooManyRequestsException', async () => {
    vi.spyOn(sesClient, 'send').mockRejectedValue(
      new TooManyRequestsException({ message: 'Too many requests', $metadata: {} }),
    );

    await expect(sesEmailPreview('test')('template-shared', { recipientName: 'A' })).resolves.toBeNull();
  });

  it('lets any other failure through', async () => {
    vi.spyOn(sesClient, 'send').mockRejectedValue(new Error('network down'));

    await expect(sesEmailPreview('test')('template-shared', { recipientName: 'A' })).rejects.toThrow('network down');
  });
});
