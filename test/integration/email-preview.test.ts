import { describe, expect, it } from 'vitest';
import { sesEmailPreview } from '../../shared/adapters/ses/email-preview.ts';
import { inbox } from './support/inbox.ts';

/**
 * The template page's email preview (issue 15) is SES's own rendering of the share's template
 * (TestRenderEmailTemplate: https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_TestRenderEmailTemplate.html,
 * "creates a preview of the MIME content of an email" and sends nothing), read back into subject, text and
 * HTML. Against SES local, over the wire: non-ASCII survives the MIME encoding, and hostile text reaches the HTML
 * part escaped (the same TemplateData the mailer sends) and the text part as typed.
 */
const render = sesEmailPreview(process.env.STAGE ?? 'test');
const NAME = `Siân O'Brien & "Sons" <script>alert(1)</script>`;
const values = {
  recipientName: NAME,
  // Non-ASCII in the subject: MIME carries it as encoded words, which the preview decodes.
  meetingTitle: 'engagement meeting with Siân’s trust',
  meetingDate: 'Wednesday 12 May 2027 at 10am',
  deadline: 'Wednesday 12 May 2027 at 10am',
  link: 'https://example.invalid/preview',
  holderName: 'Zoë Ng',
  contactLink: 'https://example.invalid/preview',
};

describe('previewing the share email through SES', () => {
  it('answers the subject, text and HTML parts as SES renders them, decoded from MIME', async () => {
    const rendered = await render('template-shared', values);

    expect(rendered?.subject).toBe(
      'Your engagement meeting with Siân’s trust on Wednesday 12 May 2027 at 10am: please comment by Wednesday 12 May 2027 at 10am',
    );
    expect(rendered?.text).toContain(`Dear ${NAME},`);
    expect(rendered?.text).toContain('Zoë Ng, Care Quality Commission');
    expect(rendered?.html).toContain(
      '<p>Dear Siân O&#39;Brien &amp; &quot;Sons&quot; &lt;script&gt;alert(1)&lt;/script&gt;,</p>',
    );
    expect(rendered?.html).not.toContain('<script>');
  });

  it('sends nothing', async () => {
    const before = (await inbox()).length;

    await render('template-shared', { ...values, recipientName: 'Nobody Sent' });

    expect((await inbox()).filter((mail) => mail.body.text?.includes('Nobody Sent'))).toEqual([]);
    expect((await inbox()).length).toBeGreaterThanOrEqual(before);
  });
});
