import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../shared/adapters/ses/mailer.ts';
import { EMAIL_TEMPLATES } from '../../shared/definitions/email-templates.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Provider } from '../../shared/schemas/provider.ts';
import type { Staff } from '../../shared/schemas/staff.ts';
import type { Template } from '../../shared/schemas/template.ts';
import { aProvider, aStaffMember } from './support/builders.ts';
import { inbox } from './support/inbox.ts';
import { type LocalApi, startLocalApi } from './support/local-api.ts';

/**
 * SES renders template data into the HTML part without escaping it ("SES doesn't escape HTML content when
 * rendering the HTML template for a message": https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html),
 * and SES local renders the same way (Handlebars with noEscape). So names and text people typed must never
 * become markup in the HTML part, and must read as typed in the text part. Checked against SES local's store.
 */
const HOSTILE = `O'Brien & "Sons" <script>alert(1)</script><a href="https://evil.example/">click</a>`;
const ESCAPED =
  'O&#39;Brien &amp; &quot;Sons&quot; &lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&quot;https://evil.example/&quot;&gt;click&lt;/a&gt;';

const ses = new SesMailer({
  stage: process.env.STAGE ?? 'test',
  sender: 'engagement@regulator.localhost',
  configurationSet: 'test-engagement',
});

const mailTo = async (address: string) =>
  (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(address)));

const expectHarmless = (html: string | undefined) => {
  expect(html).toBeDefined();
  expect(html).not.toContain('<script');
  expect(html).not.toContain('<a href="https://evil.example/');
  expect(html).not.toMatch(/"Sons"/);
};

describe.each(EMAIL_TEMPLATES)('the $name email with hostile values in every variable', (definition) => {
  const values = () =>
    Object.fromEntries(
      definition.variables.map((name) => [name, name === 'items' ? [HOSTILE, `${HOSTILE} again`] : HOSTILE]),
    ) as Record<string, string>;

  it('escapes every value in the HTML part and keeps the text part as typed', async () => {
    const address = `hostile.${randomUUID().slice(0, 8)}@provider.test`;

    const [result] = await ses.sendBulk(definition.name, [
      {
        key: { pk: `TEST#${address}`, sk: 'DELIVERY#escaping' },
        to: { name: HOSTILE, email: address },
        data: values(),
        tags: { kind: 'test' },
      },
    ]);

    expect(result?.status).toBe('sent');
    const [mail] = await mailTo(address);
    expectHarmless(mail?.body.html);
    expect(mail?.body.html).toContain(ESCAPED);
    expect(mail?.body.text).toContain(HOSTILE);
    expect(mail?.body.text).not.toContain('&amp;');
  });
});

describe('hostile names through the real use cases', () => {
  let api: LocalApi;
  let admin: string;
  beforeAll(async () => {
    api = await startLocalApi();
    admin = await api.tokenFor(['admin']);
  });
  afterAll(() => api.close());

  it('a provider, its contact and its staff with hostile names get invites and the shared template with no markup from them', async () => {
    const tag = randomUUID().slice(0, 8);
    const contactEmail = `ce.${tag}@trust.test`;
    const input = aProvider({
      name: `Trust ${tag} ${HOSTILE}`,
      contacts: [
        { name: `Chief ${HOSTILE}`, email: contactEmail, roles: ['chief-executive', 'executive-board-member'] },
      ],
    });
    const trust = (await api.call<Provider>('POST', '/providers', { token: admin, body: input })).body;
    const [holder, assessor] = await Promise.all(
      (['inspector', 'assessor'] as const).map(
        async (role) =>
          (
            await api.call<Staff>('POST', '/staff', {
              token: admin,
              body: aStaffMember({ name: `Staff ${role} ${HOSTILE}`, roles: [role] }),
            })
          ).body,
      ),
    );
    await api.call('PUT', `/providers/${trust.providerId}/relationship-holder`, {
      token: admin,
      body: { staffId: holder?.staffId, reason: 'Test' },
    });
    await api.call('POST', '/jobs/quarterly-planning/runs', { token: admin, body: { runAs: '2027-04-01' } });
    const planned = (
      await api.call<{ items: Meeting[] }>('GET', `/providers/${trust.providerId}/meetings`, { token: admin })
    ).body.items[0] as Meeting;
    const booked = await api.call<Meeting>('PATCH', `/meetings/${planned.meetingId}`, {
      token: admin,
      headers: { 'if-match': `"${planned.version}"` },
      body: {
        startsAt: '2027-05-12T10:00:00+01:00',
        mode: 'video',
        leadStaffId: assessor?.staffId,
        providerContactIds: [trust.contacts[0]?.contactId],
      },
    });
    expect(booked.status).toBe(200);
    const draft = await api.call<Template>('GET', `/meetings/${planned.meetingId}/template`, { token: admin });
    await api.call('PUT', `/meetings/${planned.meetingId}/template`, {
      token: admin,
      headers: { 'if-match': '"0"' },
      body: { sections: draft.body.sections },
    });

    const shared = await api.call('POST', `/meetings/${planned.meetingId}/template/share`, { token: admin });

    expect(shared.status).toBe(200);
    const mails = await mailTo(contactEmail);
    const invite = mails.find((mail) => mail.subject.startsWith('Invitation'));
    const template = mails.find((mail) => mail.subject.includes('please comment by'));
    expect(invite).toBeDefined();
    expect(template).toBeDefined();
    for (const mail of [invite, template]) expectHarmless(mail?.body.html);
    expect(template?.body.html).toContain(`Chief ${ESCAPED}`);
    expect(template?.body.text).toContain(`Chief ${HOSTILE}`);
  });
});
