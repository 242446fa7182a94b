import { describe, expect, it } from 'vitest';
import { respondPage } from '../../shared/adapters/http/pages/respond-pages.ts';
import { changesMain, previewMain, versionsMain } from '../../shared/adapters/http/workspace/views/template-history.ts';
import { decodeHeader, parseRenderedEmail } from '../../shared/adapters/ses/rendered-email.ts';
import { templateChanges } from '../../shared/domain/templates/template-changes.ts';
import type { Meeting } from '../../shared/schemas/meeting.ts';
import type { Template } from '../../shared/schemas/template.ts';
import type { SharePreview } from '../../shared/use-cases/template-versions.ts';

/**
 * The template's history and preview pages (issue 15 item 5): hostile text from a template, a provider or
 * an email is shown as text, never markup, and the previews sit in frames that may run nothing.
 */
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;
const meeting = { meetingId: 'M1', providerName: `Care & Co ${HOSTILE}` } as Meeting;
const template = (version: number, items: { text: string; sensitive: boolean }[]): Template => ({
  meetingId: 'M1',
  providerId: 'P1',
  version,
  sections: [{ sectionId: 'a', title: `Risks ${HOSTILE}`, items: items.map((item) => ({ ...item, infoId: null })) }],
  savedAt: '2027-03-01T10:00:00Z',
  savedBy: 'staff:S1',
  informationSince: '2026-03-01',
  sharedVersion: null,
});

const noRawMarkup = (markup: string) => {
  expect(markup).not.toContain('<script>');
  expect(markup).not.toContain('<img src=x');
  expect(markup).toContain('&lt;script&gt;');
};

describe('the versions and changes pages', () => {
  it('lists versions with names and days in words, escaping what staff typed', () => {
    const markup = versionsMain(
      meeting,
      [{ version: 2, savedAt: '2027-03-09T09:30:00Z', savedBy: 'staff:S1', savedByName: `Amara ${HOSTILE}` }],
      2,
    ).value;

    noRawMarkup(markup);
    expect(markup).toContain('Version 2');
    expect(markup).toContain('Tuesday 9 March 2027');
    expect(markup).toContain('Shared with the provider');
    expect(markup).toContain('href="/workspace/meetings/M1/template/versions/2"');
  });

  it('makes the versions table an MOJ sortable table: headings to sort by, days sorted by their instant', () => {
    const markup = versionsMain(
      meeting,
      [
        { version: 2, savedAt: '2027-03-09T09:30:00Z', savedBy: null, savedByName: 'A' },
        { version: 1, savedAt: '2027-03-01T09:30:00Z', savedBy: null, savedByName: 'B' },
      ],
      null,
    ).value;

    expect(markup).toContain('<table class="govuk-table" data-module="moj-sortable-table">');
    expect(markup).toContain('<th scope="col" class="govuk-table__header" aria-sort="descending">Version</th>');
    expect(markup).toContain('<th scope="col" class="govuk-table__header" aria-sort="none">Saved</th>');
    expect(markup).toContain('<th scope="col" class="govuk-table__header">Shared</th>');
    expect(markup).toContain('data-sort-value="2027-03-09T09:30:00Z"');
    expect(markup).toContain('<th scope="row" class="govuk-table__header" data-sort-value="2">');
  });

  it('shows each kind of change in words, escaping item text', () => {
    const before = template(1, [
      { text: `Old ${HOSTILE}`, sensitive: false },
      { text: 'Named person', sensitive: false },
      { text: 'Going', sensitive: false },
    ]);
    const after = template(2, [
      { text: `New ${HOSTILE}`, sensitive: false },
      { text: 'Named person', sensitive: true },
    ]);

    const markup = changesMain(meeting, {
      template: after,
      previous: before,
      savedByName: 'Amara Okafor',
      changes: templateChanges(before, after),
    }).value;

    noRawMarkup(markup);
    expect(markup).toContain('What changed in version 2');
    expect(markup).toContain('Changed');
    expect(markup).toContain('Sensitivity changed');
    expect(markup).toContain('Now sensitive: kept from the provider (was not sensitive: the provider sees it)');
    expect(markup).toContain('Removed');
    expect(markup).toContain('Version 1, saved');
  });

  it('says so when a version changed nothing, and reads version 1 as all new', () => {
    const one = template(1, [{ text: 'Same', sensitive: false }]);

    expect(changesMain(meeting, { template: one, previous: one, savedByName: 'A', changes: [] }).value).toContain(
      'Nothing changed',
    );
    expect(
      changesMain(meeting, {
        template: one,
        previous: null,
        savedByName: 'A',
        changes: templateChanges(null, one),
      }).value,
    ).toContain('this is the first saved version, so everything in it is new');
  });
});

describe('the preview page', () => {
  const ready = (html: string | null): SharePreview => ({
    kind: 'ready',
    view: {
      kind: 'open',
      claims: {
        purpose: 'respond',
        providerId: 'P1',
        meetingId: 'M1',
        shareId: 'preview',
        contactId: 'C1',
        expiresAt: 0,
      },
      meeting: { ...meeting, startsAt: '2027-03-09T09:30:00Z' } as Meeting,
      meetingTitle: 'engagement meeting',
      providerName: meeting.providerName,
      contactName: `Siân ${HOSTILE}`,
      sections: [{ sectionId: 'a', title: `Risks ${HOSTILE}`, items: [`Shown ${HOSTILE}`] }],
      earlier: [],
    },
    recipients: [{ name: `Siân ${HOSTILE}` }],
    email: {
      to: `Siân ${HOSTILE}`,
      rendered: html === null ? null : { subject: `Your meeting ${HOSTILE}`, text: `Dear Siân,\n${HOSTILE}`, html },
    },
  });

  it('puts the provider page and the email HTML in sandboxed srcdoc frames, escaped into the attribute', () => {
    const preview = ready('<p>Dear <b>Siân</b></p><script>alert(1)</script>');
    if (preview.kind !== 'ready') throw new Error('ready');
    const providerPage = respondPage(preview.view, {
      formToken: '',
      action: '#preview',
      problems: [],
      values: { comments: {}, addition: { kind: '', text: '', actionTaken: '' } },
      submitted: false,
      concernReference: null,
    });

    const markup = previewMain(meeting, preview, providerPage).value;

    const frames = [...markup.matchAll(/<iframe [^>]*>/g)].map((match) => match[0]);
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame).toContain('sandbox=""');
      expect(frame).toMatch(/title="Preview of the (provider’s page|email)"/);
      // The whole document is one attribute value: no quote or angle bracket of it ends the attribute.
      expect(frame).not.toMatch(/srcdoc="[^"]*</);
    }
    // The provider's own page escaped its data once; our attribute escapes the page again.
    expect(markup).toContain('&amp;lt;script&amp;gt;');
    noRawMarkup(markup);
    expect(markup).toContain('Nothing has been sent');
  });

  it('shows the subject and the text part as text, line by line', () => {
    const markup = previewMain(meeting, ready('<p>x</p>'), '<!DOCTYPE html><p>page</p>').value;

    noRawMarkup(markup);
    expect(markup).toContain('Your meeting &lt;script&gt;');
    expect(markup).toContain('Dear Siân,<br>');
  });

  it('says to reload when the mail service was too busy to render the email, and still shows the page', () => {
    const markup = previewMain(meeting, ready(null), '<!DOCTYPE html><p>page</p>').value;

    expect(markup).toContain('Reload the page in a moment to see the email');
    expect(markup.match(/<iframe /g)).toHaveLength(1);
  });

  it('says why there is nothing to preview', () => {
    const markup = previewMain(meeting, { kind: 'not-ready', reason: 'Book the meeting first' }, null).value;

    expect(markup).toContain('Nothing to preview yet. Book the meeting first');
    expect(markup).not.toContain('<iframe');
  });
});

describe('reading the MIME message SES renders', () => {
  it('finds the subject (encoded words), the quoted-printable text part and the base64 HTML part', () => {
    const html = Buffer.from('<p>Dear Siân,</p>', 'utf8').toString('base64');
    const mime = [
      'Content-Type: multipart/alternative;',
      ' boundary="--_b1"',
      'Subject: =?UTF-8?Q?Your_meeting_with_Si=C3=A2n?=',
      ' =?UTF-8?B?IG9uIFR1ZXNkYXk=?=',
      'MIME-Version: 1.0',
      '',
      '----_b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Dear Si=C3=A2n,',
      'A very long line that was folded=',
      ' here.',
      '----_b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      html,
      '----_b1--',
      '',
    ].join('\r\n');

    expect(parseRenderedEmail(mime)).toEqual({
      subject: 'Your meeting with Siân on Tuesday',
      text: 'Dear Siân,\nA very long line that was folded here.',
      html: '<p>Dear Siân,</p>',
    });
  });

  it('reads a plain 7bit single-part message and a subject with no encoding', () => {
    expect(parseRenderedEmail('Subject: Hello\nContent-Type: text/plain\n\nJust text\n')).toEqual({
      subject: 'Hello',
      text: 'Just text',
      html: '',
    });
    expect(decodeHeader('Plain & simple')).toBe('Plain & simple');
  });
});
