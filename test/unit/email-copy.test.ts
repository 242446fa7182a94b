import { renderTemplate } from 'aws-ses-v2-local/dist/v2/renderTemplate.js';
import { describe, expect, it } from 'vitest';
import { templateData } from '../../shared/adapters/ses/template-data.ts';
import { ConfigurationError, workspaceOriginFromEnvironment } from '../../shared/config/env.ts';
import {
  EMAIL_TEMPLATES,
  type EmailTemplateDefinition,
  type EmailTemplateName,
  STAFF_EMAIL_TEMPLATES,
} from '../../shared/definitions/email-templates.ts';
import {
  dayInWords,
  instantInWords,
  meetingModeInWords,
  meetingStatusInWords,
} from '../../shared/domain/emails/in-words.ts';
import { meetingTitleCapitalised, meetingTitleOf } from '../../shared/domain/meetings/meeting-title.ts';
import { workspaceUrl } from '../../shared/domain/workspace/links.ts';
import { londonDateTime } from '../../shared/use-cases/pre-meeting-template.ts';

/**
 * Issue 13 item 11: every sentence a provider or member of staff reads is proof-read. Each template is
 * rendered as SES renders it (Handlebars without escaping: the same renderer aws-ses-v2-local uses, over
 * the TemplateData the SES adapter builds, html.* copy included) with realistic values, for every meeting
 * type, and the subject, text and HTML read by a person must hold no placeholder, no ISO date, no API
 * path, no doubled word. Issue 15: every email to staff links to the workspace page where the work is done.
 */
const ORIGIN = 'https://engagement.cqc.example';
const API = 'https://abc123.execute-api.eu-west-2.amazonaws.com';
const MEETING_ID = '01JF3Q2W8Y6Z7X5V4T3S2R1Q0P';
const PROVIDER_ID = '1-101676029';
const MEETING_TYPES = ['relationship-management', 'engagement', 'board-meeting', 'medicines-conversation', 'ad-hoc'];
const STARTS_AT = '2027-03-09T09:30:00Z';
const contactLink = `${API}/contact/v1.eyJwIjoiMS0xMDE2NzYwMjkiLCJjIjoiMDFKRjMifQ.c2lnbmF0dXJl`;
const respondLink = `${API}/respond/v1.eyJtIjoiMDFKRjNRMlc4WSIsImMiOiIwMUpGMyJ9.c2lnbmF0dXJl`;

type Values = Record<string, string | readonly string[] | readonly Readonly<Record<string, string>>[]>;

/** Realistic values for each template, as the use cases fill them, for one meeting type. */
function samplesFor(type: string): Record<EmailTemplateName, Values[]> {
  const meetingTitle = meetingTitleOf(type);
  const meetingDate = londonDateTime(STARTS_AT);
  const meeting = workspaceUrl(ORIGIN, { page: 'meeting', meetingId: MEETING_ID });
  const template = workspaceUrl(ORIGIN, { page: 'template', meetingId: MEETING_ID });
  const provider = workspaceUrl(ORIGIN, { page: 'provider', providerId: PROVIDER_ID });
  const reminder = { recipientName: 'Amara Okafor', meetingTitle, providerName: 'Riverside NHS Foundation Trust' };
  return {
    'template-shared': [
      {
        recipientName: 'Siân Llewellyn',
        meetingTitle,
        meetingDate,
        deadline: meetingDate,
        link: respondLink,
        holderName: 'Amara Okafor',
        contactLink,
      },
    ],
    'meeting-reminder': [
      { ...reminder, meetingDate, mode: meetingModeInWords('video'), workspaceLink: meeting },
      { ...reminder, meetingDate, mode: meetingModeInWords('in-person'), contactLink },
      { ...reminder, meetingDate, mode: meetingModeInWords(null), workspaceLink: meeting },
    ],
    'overdue-engagement': [
      {
        recipientName: 'Tom Ashworth',
        meetingTitle,
        providerName: 'Riverside NHS Foundation Trust',
        ruleId: 'R-CAD-4',
        dueBy: dayInWords('2027-03-31'),
        status: meetingStatusInWords('planned'),
        holderName: 'Amara Okafor',
        workspaceLink: meeting,
      },
    ],
    'provider-commented': [
      {
        recipientName: 'Amara Okafor',
        contactName: 'Siân Llewellyn',
        providerName: 'Riverside NHS Foundation Trust',
        comments: '3 comments',
        meetingTitle,
        meetingDate,
        workspaceLink: template,
      },
    ],
    'template-to-share': [{ ...reminder, recipientName: 'Amara Okafor', meetingDate, workspaceLink: template }],
    'comment-deadline': [
      {
        recipientName: 'Siân Llewellyn',
        meetingTitle,
        meetingDate,
        deadline: meetingDate,
        link: respondLink,
        contactLink,
      },
    ],
    'daily-digest': [
      {
        recipientName: 'Amara Okafor',
        day: dayInWords('2027-03-02'),
        itemCount: '2 items',
        items: [
          `Overdue (R-CAD-8): the ${meetingTitle} with Riverside NHS Foundation Trust was due by ${dayInWords('2027-02-28')}.`,
          `Attendees reminded of the ${meetingTitle} with Riverside NHS Foundation Trust on ${meetingDate}.`,
        ],
        workspaceLink: workspaceUrl(ORIGIN, { page: 'my-work' }),
      },
    ],
    'address-undeliverable': [
      {
        recipientName: 'Amara Okafor',
        contactName: 'Siân Llewellyn',
        providerName: 'Riverside NHS Foundation Trust',
        reason: 'bounced for good (Permanent/General)',
        workspaceLink: provider,
      },
    ],
    'submission-acknowledged': [
      {
        recipientName: 'Siân Llewellyn',
        what: 'A significant change to your services',
        reference: 'PE-7K2M-Q9XD',
        handlerName: 'Amara Okafor',
        handlerRole: 'your relationship holder',
        contactLink,
      },
    ],
    'submission-received': [
      {
        recipientName: 'Amara Okafor',
        contactName: 'Siân Llewellyn',
        providerName: 'Riverside NHS Foundation Trust',
        what: 'A significant change to your services',
        whatInSentence: 'a significant change to your services',
        ruleId: 'R-PRV-3',
        reference: 'PE-7K2M-Q9XD',
        why: 'The relationship holder is the provider’s first point of contact',
        workspaceLink: workspaceUrl(ORIGIN, { page: 'my-work' }),
      },
    ],
    'submission-answered': [
      {
        recipientName: 'Siân Llewellyn',
        answer: 'Thank you for telling us about the new ward. We will talk about it at our next meeting.',
        answererName: 'Amara Okafor',
        reference: 'PE-7K2M-Q9XD',
        contactLink,
      },
    ],
    'information-requested': [
      {
        recipientName: 'Siân Llewellyn',
        providerName: 'Riverside NHS Foundation Trust',
        dueOn: dayInWords('2027-04-15'),
        question: 'Why have waiting times in the emergency department fallen so sharply since January?',
        contactLink,
        requesterName: 'Amara Okafor',
        reference: 'PE-3H8N-W2LC',
      },
    ],
    'information-request-answered': [
      {
        recipientName: 'Amara Okafor',
        contactName: 'Siân Llewellyn',
        providerName: 'Riverside NHS Foundation Trust',
        reference: 'PE-3H8N-W2LC',
        workspaceLink: provider,
      },
    ],
    'information-request-due': [
      {
        recipientName: 'Siân Llewellyn',
        providerName: 'Riverside NHS Foundation Trust',
        signal: 'improvement',
        reference: 'PE-3H8N-W2LC',
        dueOn: dayInWords('2027-04-15'),
        contactLink,
      },
    ],
    // R-CAD-8, R-TEAM-3: one digest a person, each meeting with its own page (other meetings than MEETING_ID).
    'overdue-digest': [
      {
        recipientName: 'Tom Ashworth',
        day: dayInWords('2027-07-02'),
        meetingCount: '2 meetings',
        intro:
          'These 2 meetings our engagement rules require were not held by their due dates, so they are overdue (R-CAD-8):',
        meetings: [
          {
            title: meetingTitle,
            providerName: 'Riverside NHS Foundation Trust',
            dueBy: dayInWords('2027-06-30'),
            ruleId: 'R-CAD-4',
            status: meetingStatusInWords('booked'),
            holderName: 'Amara Okafor (away: Priya Shah covers)',
            leadName: 'Priya Shah',
            why: 'operations manager of North East assessment team, the team responsible for Riverside NHS Foundation Trust (R-TEAM-3)',
            link: workspaceUrl(ORIGIN, { page: 'meeting', meetingId: '01JF3Q2W8Y6Z7X5V4T3S2R1Q0A' }),
          },
          {
            title: meetingTitle,
            providerName: 'O’Brien & Sons <Care>',
            dueBy: dayInWords('2027-03-31'),
            ruleId: 'R-CAD-3',
            status: meetingStatusInWords('planned'),
            holderName: 'nobody holds it now',
            leadName: 'none yet',
            why: 'an admin: O’Brien & Sons <Care> has no assessment team yet, so its escalations come to the admins until it is given one on its page (R-TEAM-3)',
            link: workspaceUrl(ORIGIN, { page: 'meeting', meetingId: '01JF3Q2W8Y6Z7X5V4T3S2R1Q0B' }),
          },
        ],
        workspaceLink: workspaceUrl(ORIGIN, { page: 'my-work' }),
      },
    ],
    'information-request-past-due': [
      {
        recipientName: 'Amara Okafor',
        providerName: 'Riverside NHS Foundation Trust',
        signal: 'deterioration',
        reference: 'PE-3H8N-W2LC',
        dueOn: dayInWords('2027-04-15'),
        workspaceLink: provider,
      },
    ],
  };
}

interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** As SES renders a send: the template's parts over the TemplateData the SES adapter builds. */
function render(definition: EmailTemplateDefinition, values: Values): Rendered {
  const data = JSON.parse(templateData(values)) as Record<string, unknown>;
  return {
    subject: renderTemplate(definition.subject, data),
    text: renderTemplate(definition.text, data),
    html: renderTemplate(definition.html, data),
  };
}

/** What a person reads in the HTML part: the text between tags, and where each link goes. */
const readableHtml = (html: string): string =>
  html
    .replace(/<a href="([^"]*)">([^<]*)<\/a>/g, '$2 <$1>')
    .replace(/<\/?(strong|em)>/g, '')
    .replace(/<(?!https?:)[^>]+>/g, '\n')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

const API_PATH =
  /(^|[\s"'(/]|\.com|\.example)\/(meetings|providers|staff|relationships|jobs|submissions|information-requests|policies|dashboard|audit)\b/;

/** Everything a proof-reader would send back. */
function problemsIn(copy: string): string[] {
  const problems: string[] = [];
  // Paths under /workspace are pages a person opens: strip them before looking for API paths.
  const withoutPages = copy.replace(/https?:\/\/[^\s"]+\/workspace[^\s"]*/g, 'PAGE');
  if (/[{}]/.test(copy)) problems.push('a placeholder brace');
  if (/\bundefined\b/.test(copy)) problems.push('undefined');
  if (/\bnull\b/.test(copy)) problems.push('null');
  if (copy.includes('[object Object]')) problems.push('[object Object]');
  const doubled = /\b([A-Za-z]+)\s+\1\b/i.exec(copy);
  if (doubled) problems.push(`a doubled word: "${doubled[0]}"`);
  if (API_PATH.test(withoutPages)) problems.push(`an API path: ${API_PATH.exec(withoutPages)?.[0]}`);
  const iso = /\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/.exec(copy);
  if (iso) problems.push(`an ISO date: ${iso[0]}`);
  if (/care quality commission/.test(copy) || /Care quality commission/.test(copy))
    problems.push('Care Quality Commission not capitalised');
  if (/\b(comment|item|request)\(s\)/.test(copy)) problems.push('a "(s)" plural');
  if (/\b(meeting|conversation) (meeting|conversation)\b/i.test(copy)) problems.push('a meeting meeting');
  if (/\(\s*\)|,\s*\.|\s[.,]/.test(copy)) problems.push('an empty bracket or stray punctuation');
  return problems;
}

const cases = MEETING_TYPES.flatMap((type) =>
  EMAIL_TEMPLATES.flatMap((definition) =>
    (samplesFor(type)[definition.name] ?? []).map((values, index) => ({
      label: `${definition.name} #${index + 1} (${type})`,
      definition,
      values,
    })),
  ),
);

describe('every email template, rendered as SES renders it, reads as proof-read copy (issue 13 item 11)', () => {
  it('has realistic sample values for every template, each supplying every variable the template reads', () => {
    const samples = samplesFor('engagement');
    for (const definition of EMAIL_TEMPLATES) {
      expect(samples[definition.name], definition.name).not.toHaveLength(0);
      const optional = new Set(['contactLink', 'workspaceLink', 'mode']);
      for (const values of samples[definition.name]) {
        const missing = definition.variables.filter((name) => !(name in values) && !optional.has(name));
        expect(missing, definition.name).toEqual([]);
      }
    }
  });

  it.each(cases)(
    '$label: no placeholder, ISO date, API path or doubled word in subject, text or HTML',
    ({ definition, values }) => {
      const rendered = render(definition, values);
      expect(problemsIn(rendered.subject), 'subject').toEqual([]);
      expect(problemsIn(rendered.text), 'text').toEqual([]);
      expect(problemsIn(readableHtml(rendered.html)), 'html').toEqual([]);
      expect(rendered.subject).not.toMatch(/\n/);
      expect(rendered.text).toContain(`Dear ${values.recipientName},`);
    },
  );

  it.each(EMAIL_TEMPLATES)('$name: the HTML part reads only html.* (escaped) values', (definition) => {
    const names = [...definition.html.matchAll(/{{\s*[#/]?(?:if|each|unless)?\s*([^}\s]*)\s*}}/g)].map(
      (match) => match[1],
    );
    // Inside {{#each html.…}} a row's fields are read as this.<field>: escaped with the row.
    const read = names.filter((name) => name && name !== 'this' && !name.startsWith('this.') && name !== 'else');
    expect(read.filter((name) => !name?.startsWith('html.'))).toEqual([]);
  });

  it('escapes each row of the overdue digest in the HTML part and keeps it as written in the text (R-CAD-8)', () => {
    const definition = EMAIL_TEMPLATES.find((each) => each.name === 'overdue-digest');
    const values = samplesFor('engagement')['overdue-digest'][0];
    if (!definition || !values) throw new Error('the overdue digest has no template or sample');
    const rendered = render(definition, values);
    expect(rendered.html).toContain('O’Brien &amp; Sons &lt;Care&gt;');
    expect(rendered.html).not.toContain('<Care>');
    expect(rendered.text).toContain('O’Brien & Sons <Care>');
    expect(rendered.text).toContain('Relationship holder: Amara Okafor (away: Priya Shah covers).');
    expect(rendered.html).toContain(
      `href="${workspaceUrl(ORIGIN, { page: 'meeting', meetingId: '01JF3Q2W8Y6Z7X5V4T3S2R1Q0B' })}"`,
    );
  });

  it('fails the checks on copy that is not proof-read (the checks catch what they claim to)', () => {
    expect(problemsIn('Your {{meetingTitle}} on undefined')).toEqual(
      expect.arrayContaining(['a placeholder brace', 'undefined']),
    );
    expect(problemsIn('the board meeting meeting with null [object Object]')).toEqual(
      expect.arrayContaining(['null', '[object Object]', 'a doubled word: "meeting meeting"']),
    );
    expect(problemsIn('Run PUT /meetings/01JF/template by 2027-03-31')).toEqual(
      expect.arrayContaining(['an API path:  /meetings', 'an ISO date: 2027-03-31']),
    );
    expect(problemsIn(`Open ${API}/providers/1-101 now`)).toHaveLength(1);
    expect(problemsIn(`Open ${workspaceUrl(ORIGIN, { page: 'provider', providerId: '1-101' })} now`)).toEqual([]);
    expect(problemsIn('the care quality commission sent 2 comment(s)')).toHaveLength(2);
  });
});

describe('emails to staff link to the workspace page where the work is done (issue 15)', () => {
  const staffCases = cases.filter(
    ({ definition, values }) =>
      STAFF_EMAIL_TEMPLATES.includes(definition.name) ||
      (definition.name === 'meeting-reminder' && 'workspaceLink' in values),
  );

  it('gives every template a link to act on: the workspace for staff, the contact link for provider contacts', () => {
    for (const definition of EMAIL_TEMPLATES) {
      const links = ['workspaceLink', 'contactLink'].filter((name) => definition.variables.includes(name));
      expect(links.length, definition.name).toBeGreaterThan(0);
    }
    const staffOnly = EMAIL_TEMPLATES.filter(
      (definition) => definition.variables.includes('workspaceLink') && !definition.variables.includes('contactLink'),
    ).map((definition) => definition.name);
    expect([...staffOnly].sort()).toEqual([...STAFF_EMAIL_TEMPLATES].sort());
  });

  it('declares a workspace link in every staff template', () => {
    for (const name of STAFF_EMAIL_TEMPLATES) {
      const definition = EMAIL_TEMPLATES.find((each) => each.name === name);
      expect(definition?.variables, name).toContain('workspaceLink');
      expect(definition?.variables, name).not.toContain('meetingId');
      expect(definition?.variables, name).not.toContain('providerId');
    }
  });

  it.each(staffCases)('$label: the text and the HTML link to the workspace page', ({ definition, values }) => {
    const rendered = render(definition, values);
    const link = String(values.workspaceLink);
    expect(link.startsWith(`${ORIGIN}/workspace`)).toBe(true);
    expect(rendered.text).toContain(link);
    expect(rendered.html).toContain(`href="${link}"`);
    // Never a bare id for a person to look up.
    expect(rendered.text.replace(link, '')).not.toContain(MEETING_ID);
    expect(rendered.text.replace(link, '')).not.toContain(PROVIDER_ID);
  });

  it('sends provider contacts their signed links, never a workspace page', () => {
    const providerCases = cases.filter(
      ({ definition, values }) => !STAFF_EMAIL_TEMPLATES.includes(definition.name) && !('workspaceLink' in values),
    );
    expect(providerCases.length).toBeGreaterThan(0);
    for (const { definition, values } of providerCases) {
      const rendered = render(definition, values);
      expect(rendered.text, definition.name).not.toContain('/workspace');
      expect(rendered.text, definition.name).toMatch(/\/(contact|respond)\/v1\./);
    }
  });
});

describe('the words the emails are filled with', () => {
  it.each([
    ['engagement', 'engagement meeting', 'Engagement meeting'],
    ['board-meeting', 'board meeting', 'Board meeting'],
    ['relationship-management', 'relationship management meeting', 'Relationship management meeting'],
    ['medicines-conversation', 'medicines conversation', 'Medicines conversation'],
    ['ad-hoc', 'ad hoc meeting', 'Ad hoc meeting'],
    ['quality-review', 'quality review', 'Quality review'],
    ['site-walk', 'site walk meeting', 'Site walk meeting'],
  ])('calls a %s meeting "%s" mid-sentence and "%s" as a title', (type, title, capitalised) => {
    expect(meetingTitleOf(type)).toBe(title);
    expect(meetingTitleCapitalised(type)).toBe(capitalised);
  });

  it.each([
    ['2027-03-09', 'Tuesday 9 March 2027'],
    ['2026-03-29', 'Sunday 29 March 2026'],
    ['2026-10-25', 'Sunday 25 October 2026'],
    ['2099-12-31', 'Thursday 31 December 2099'],
    ['not a day', 'not a day'],
  ])('writes the day %s as "%s" (the clocks changing moves no day)', (day, words) => {
    expect(dayInWords(day)).toBe(words);
  });

  it.each([
    ['2027-03-09T09:30:00Z', 'Tuesday 9 March 2027 at 9:30am'],
    ['2027-05-12T09:00:00Z', 'Wednesday 12 May 2027 at 10am'],
    ['2026-10-25T00:30:00Z', 'Sunday 25 October 2026 at 1:30am'],
    ['2026-12-31T23:45:00Z', 'Thursday 31 December 2026 at 11:45pm'],
  ])('writes the instant %s in London as "%s" (summer time included)', (instant, words) => {
    expect(instantInWords(instant)).toBe(words);
  });

  it('takes the workspace origin from WORKSPACE_ORIGIN (AWS), else the local API origin, else refuses to start', () => {
    expect(workspaceOriginFromEnvironment({ WORKSPACE_ORIGIN: `${ORIGIN}/`, PUBLIC_BASE_URL: API })).toBe(ORIGIN);
    expect(workspaceOriginFromEnvironment({ PUBLIC_BASE_URL: 'http://localhost:3000' })).toBe('http://localhost:3000');
    expect(() => workspaceOriginFromEnvironment({})).toThrow(ConfigurationError);
  });
});
