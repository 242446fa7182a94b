/**
 * SES email templates, declared once (Handlebars, as SES renders them). infra/ creates them as
 * AWS::SES::Template; the local stack creates them in aws-ses-v2-local through the same SES v2
 * CreateEmailTemplate call. Physical names are prefixed with the stage: SES names are per account.
 * Every template has a plain-text and an HTML part.
 *
 * Copy (issue 13 item 11): days and times in words (Europe/London), names not ids, a rule id only beside
 * words that say what the rule asks. Emails to staff link to the workspace page where the work is done
 * (`workspaceLink`, issue 15), never an API path or a bare id; emails to provider contacts carry their
 * signed links instead. test/unit/email-copy.test.ts renders every template as SES does and proof-reads it.
 *
 * SES does not escape template data when it renders the HTML part ("SES doesn't escape HTML content
 * when rendering the HTML template for a message", https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-advanced.html).
 * So the HTML part reads every value from `html.*`, a copy of the data the SES adapter escapes
 * (shared/adapters/ses/template-data.ts), and the text part reads the values as they are: a name
 * such as `O'Brien & Sons <Care>` reads the same in both, and no name becomes markup.
 */
export interface EmailTemplateDefinition {
  name: EmailTemplateName;
  purpose: string;
  subject: string;
  text: string;
  html: string;
  /** The variables each send must supply. */
  variables: readonly string[];
}

export const EMAIL_TEMPLATE_NAMES = [
  'template-shared',
  'meeting-reminder',
  'overdue-engagement',
  'provider-commented',
  'template-to-share',
  'comment-deadline',
  'daily-digest',
  'address-undeliverable',
  'submission-acknowledged',
  'submission-received',
  'submission-answered',
  'information-requested',
  'information-request-answered',
  'information-request-due',
  'information-request-past-due',
  'overdue-digest',
] as const;
export type EmailTemplateName = (typeof EMAIL_TEMPLATE_NAMES)[number];

export const physicalTemplateName = (stage: string, name: EmailTemplateName): string => `${stage}-${name}`;

export const EMAIL_TEMPLATES: readonly EmailTemplateDefinition[] = [
  {
    name: 'template-shared',
    purpose: 'R-TPL-2: the pre-meeting template, sent to provider contacts for comment',
    subject: 'Your {{meetingTitle}} on {{meetingDate}}: please comment by {{deadline}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'Before our {{meetingTitle}} on {{meetingDate}} we have prepared a summary of what we will discuss.',
      'Please read it and comment on it, or add to it, by {{deadline}}:',
      '',
      '{{link}}',
      '',
      '{{holderName}}, Care Quality Commission',
      '',
      'To raise a concern, tell us of a change or ask us anything at any time: {{contactLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>Before our {{html.meetingTitle}} on {{html.meetingDate}} we have prepared a summary of what we will discuss.</p>',
      '<p>Please read it and comment on it, or add to it, by <strong>{{html.deadline}}</strong>:</p>',
      '<p><a href="{{html.link}}">Read and comment on the summary</a></p>',
      '<p>{{html.holderName}}, Care Quality Commission</p>',
      '<p>To raise a concern, tell us of a change or ask us anything at any time: <a href="{{html.contactLink}}">contact us</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'meetingTitle', 'meetingDate', 'deadline', 'link', 'holderName', 'contactLink'],
  },
  {
    name: 'meeting-reminder',
    purpose: 'R-REM-3: a reminder, sent to each attendee before a meeting',
    subject: 'Reminder: {{meetingTitle}} with {{providerName}} on {{meetingDate}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'This is a reminder of the {{meetingTitle}} with {{providerName}} on {{meetingDate}}{{#if mode}}, {{mode}}{{/if}}.',
      '{{#if workspaceLink}}',
      'The meeting, its attendees and its pre-meeting template: {{workspaceLink}}',
      '{{/if}}',
      '{{#if contactLink}}',
      'To raise a concern, tell us of a change or ask us anything at any time: {{contactLink}}',
      '{{/if}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>This is a reminder of the {{html.meetingTitle}} with {{html.providerName}} on {{html.meetingDate}}{{#if html.mode}}, {{html.mode}}{{/if}}.</p>',
      '{{#if html.workspaceLink}}<p><a href="{{html.workspaceLink}}">The meeting, its attendees and its pre-meeting template</a></p>{{/if}}',
      '{{#if html.contactLink}}<p>To raise a concern, tell us of a change or ask us anything at any time: <a href="{{html.contactLink}}">contact us</a></p>{{/if}}',
    ].join('\n'),
    // workspaceLink: only in the copies sent to staff (issue 15); contactLink: only in those sent to provider contacts.
    variables: ['recipientName', 'meetingTitle', 'providerName', 'meetingDate', 'mode', 'workspaceLink', 'contactLink'],
  },
  {
    name: 'overdue-engagement',
    purpose: 'R-CAD-8: a required meeting not held by its due date, to the holder and the operations manager',
    subject: 'Overdue: the {{meetingTitle}} with {{providerName}} was due by {{dueBy}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'The {{meetingTitle}} with {{providerName}} was due by {{dueBy}} and has not been held.',
      'Our engagement rules require it ({{ruleId}}), and a required meeting not held by its due date is overdue (R-CAD-8).',
      'It is {{status}}. Relationship holder: {{holderName}}.',
      '',
      'Book it, or record what happened, on the meeting’s page: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>The {{html.meetingTitle}} with {{html.providerName}} was due by <strong>{{html.dueBy}}</strong> and has not been held.</p>',
      '<p>Our engagement rules require it ({{html.ruleId}}), and a required meeting not held by its due date is overdue (R-CAD-8).</p>',
      '<p>It is {{html.status}}. Relationship holder: {{html.holderName}}.</p>',
      '<p><a href="{{html.workspaceLink}}">Book it, or record what happened, on the meeting’s page</a></p>',
    ].join('\n'),
    variables: [
      'recipientName',
      'meetingTitle',
      'providerName',
      'ruleId',
      'dueBy',
      'status',
      'holderName',
      'workspaceLink',
    ],
  },
  {
    name: 'provider-commented',
    purpose: 'R-TPL-4: the holder is told when the provider comments on a shared template',
    subject: '{{providerName}} commented on the pre-meeting template for your {{meetingTitle}}',
    text: [
      'Dear {{recipientName}},',
      '',
      '{{contactName}} of {{providerName}} sent {{comments}} on the pre-meeting template for the {{meetingTitle}} on {{meetingDate}}.',
      '',
      'Read them before the meeting, with the template: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>{{html.contactName}} of {{html.providerName}} sent {{html.comments}} on the pre-meeting template for the {{html.meetingTitle}} on {{html.meetingDate}}.</p>',
      '<p><a href="{{html.workspaceLink}}">Read them before the meeting, with the template</a></p>',
    ].join('\n'),
    variables: [
      'recipientName',
      'contactName',
      'providerName',
      'comments',
      'meetingTitle',
      'meetingDate',
      'workspaceLink',
    ],
  },
  {
    name: 'template-to-share',
    purpose: 'R-REM-3, R-TPL-2: the lead is reminded to share the pre-meeting template, not yet shared',
    subject: 'Share the pre-meeting template for your {{meetingTitle}} with {{providerName}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'The {{meetingTitle}} with {{providerName}} is on {{meetingDate}} and its pre-meeting template has not been shared yet.',
      'Save the template and share it, so the provider has time to comment before the meeting: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>The {{html.meetingTitle}} with {{html.providerName}} is on {{html.meetingDate}} and its pre-meeting template has not been shared yet.</p>',
      '<p>Save the template and share it, so the provider has time to comment before the meeting: <a href="{{html.workspaceLink}}">the pre-meeting template</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'meetingTitle', 'providerName', 'meetingDate', 'workspaceLink'],
  },
  {
    name: 'comment-deadline',
    purpose: 'R-REM-3, R-TPL-3: a provider contact who has not commented is reminded before comments close',
    subject: 'Comments on the summary for your {{meetingTitle}} close on {{deadline}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'We have not had your comments on the summary for our {{meetingTitle}} on {{meetingDate}}.',
      'You can comment on it, or add to it, until {{deadline}}:',
      '',
      '{{link}}',
      '',
      'To raise a concern, tell us of a change or ask us anything at any time: {{contactLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>We have not had your comments on the summary for our {{html.meetingTitle}} on {{html.meetingDate}}.</p>',
      '<p>You can comment on it, or add to it, until <strong>{{html.deadline}}</strong>:</p>',
      '<p><a href="{{html.link}}">Read and comment on the summary</a></p>',
      '<p>To raise a concern, tell us of a change or ask us anything at any time: <a href="{{html.contactLink}}">contact us</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'meetingTitle', 'meetingDate', 'deadline', 'link', 'contactLink'],
  },
  {
    name: 'daily-digest',
    purpose: 'R-REM-3: once a day, each holder is told what the daily run did or found for their meetings',
    subject: 'Provider engagement on {{day}}: {{itemCount}} for you',
    text: [
      'Dear {{recipientName}},',
      '',
      'What the daily run did or found for your meetings on {{day}}:',
      '{{#each items}}',
      '- {{this}}',
      '{{/each}}',
      '',
      'Your work, in the workspace: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>What the daily run did or found for your meetings on {{html.day}}:</p>',
      '<ul>{{#each html.items}}<li>{{this}}</li>{{/each}}</ul>',
      '<p><a href="{{html.workspaceLink}}">Your work, in the workspace</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'day', 'itemCount', 'items', 'workspaceLink'],
  },
  {
    name: 'address-undeliverable',
    purpose: "Bounces and complaints: the holder is asked for a provider contact's new address",
    subject: 'We cannot email {{contactName}} at {{providerName}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'Email to {{contactName}} of {{providerName}} {{reason}}, so nothing more will be sent to that address.',
      'Please get a new address from the provider and update the contact on the provider’s page: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>Email to {{html.contactName}} of {{html.providerName}} {{html.reason}}, so nothing more will be sent to that address.</p>',
      '<p>Please get a new address from the provider and update the contact on <a href="{{html.workspaceLink}}">the provider’s page</a>.</p>',
    ].join('\n'),
    variables: ['recipientName', 'contactName', 'providerName', 'reason', 'workspaceLink'],
  },
  {
    name: 'submission-acknowledged',
    purpose: 'R-PRV-1..4: what a provider contact sent is acknowledged, with its reference and who will handle it',
    subject: 'We have your message: reference {{reference}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'Thank you. We have received: {{what}}.',
      'Your reference number is {{reference}}. {{handlerName}} ({{handlerRole}}) will handle it.',
      '',
      'To tell us more or contact us again: {{contactLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>Thank you. We have received: {{html.what}}.</p>',
      '<p>Your reference number is <strong>{{html.reference}}</strong>. {{html.handlerName}} ({{html.handlerRole}}) will handle it.</p>',
      '<p>To tell us more or contact us again: <a href="{{html.contactLink}}">contact us</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'what', 'reference', 'handlerName', 'handlerRole', 'contactLink'],
  },
  {
    name: 'submission-received',
    purpose: 'R-REL-4, R-REL-6: the holder (or regulatory co-ordinator) is told what a provider sent',
    subject: '{{providerName}} sent {{reference}}: {{what}}',
    text: [
      'Dear {{recipientName}},',
      '',
      '{{contactName}} of {{providerName}} sent {{whatInSentence}} ({{ruleId}}), reference {{reference}}.',
      'Why it came to you: {{why}}.',
      '',
      'Read and answer it on its page in the workspace (it is also on your work, under open submissions). The time to first response is tracked: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>{{html.contactName}} of {{html.providerName}} sent {{html.whatInSentence}} ({{html.ruleId}}), reference <strong>{{html.reference}}</strong>.</p>',
      '<p>Why it came to you: {{html.why}}.</p>',
      '<p><a href="{{html.workspaceLink}}">Read and answer it on its page in the workspace</a> (it is also on your work, under open submissions). The time to first response is tracked.</p>',
    ].join('\n'),
    variables: [
      'recipientName',
      'contactName',
      'providerName',
      'what',
      'whatInSentence',
      'ruleId',
      'reference',
      'why',
      'workspaceLink',
    ],
  },
  {
    name: 'submission-answered',
    purpose: 'R-PRV-1..4: the provider contact is sent the answer to what they sent',
    subject: 'Our answer: reference {{reference}}',
    text: [
      'Dear {{recipientName}},',
      '',
      '{{answer}}',
      '',
      '{{answererName}}, Care Quality Commission (reference {{reference}})',
      '',
      'To reply or contact us again: {{contactLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>{{html.answer}}</p>',
      '<p>{{html.answererName}}, Care Quality Commission (reference <strong>{{html.reference}}</strong>)</p>',
      '<p>To reply or contact us again: <a href="{{html.contactLink}}">contact us</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'answer', 'answererName', 'reference', 'contactLink'],
  },
  {
    name: 'information-requested',
    purpose: 'R-PRV-5: the holder asks the provider to explain a significant improvement or deterioration',
    subject: 'Please explain by {{dueOn}}: reference {{reference}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'Our monitoring of {{providerName}} suggests a significant change. Please explain by {{dueOn}}:',
      '',
      '{{question}}',
      '',
      'Answer on your contact page: {{contactLink}}',
      '',
      '{{requesterName}}, Care Quality Commission (reference {{reference}})',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>Our monitoring of {{html.providerName}} suggests a significant change. Please explain by <strong>{{html.dueOn}}</strong>:</p>',
      '<p>{{html.question}}</p>',
      '<p><a href="{{html.contactLink}}">Answer on your contact page</a></p>',
      '<p>{{html.requesterName}}, Care Quality Commission (reference <strong>{{html.reference}}</strong>)</p>',
    ].join('\n'),
    variables: ['recipientName', 'providerName', 'dueOn', 'question', 'contactLink', 'requesterName', 'reference'],
  },
  {
    name: 'information-request-answered',
    purpose: 'R-PRV-5: the member of staff who asked is told the provider has explained',
    subject: '{{providerName}} answered your information request {{reference}}',
    text: [
      'Dear {{recipientName}},',
      '',
      '{{contactName}} of {{providerName}} answered your information request {{reference}}.',
      'Their answer is in the information held about the provider, and will be in the next pre-meeting template: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>{{html.contactName}} of {{html.providerName}} answered your information request <strong>{{html.reference}}</strong>.</p>',
      '<p>Their answer is in <a href="{{html.workspaceLink}}">the information held about the provider</a>, and will be in the next pre-meeting template.</p>',
    ].join('\n'),
    variables: ['recipientName', 'contactName', 'providerName', 'reference', 'workspaceLink'],
  },
  {
    name: 'information-request-due',
    purpose: 'R-REM-3, R-PRV-5: provider contacts are reminded of an information request coming due',
    subject: 'Reminder: please answer {{reference}} by {{dueOn}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'We asked {{providerName}} to explain a significant {{signal}} (reference {{reference}}) by {{dueOn}}, and have not had an answer yet.',
      'You can answer it here: {{contactLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>We asked {{html.providerName}} to explain a significant {{html.signal}} (reference <strong>{{html.reference}}</strong>) by <strong>{{html.dueOn}}</strong>, and have not had an answer yet.</p>',
      '<p><a href="{{html.contactLink}}">Answer it on your contact page</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'providerName', 'signal', 'reference', 'dueOn', 'contactLink'],
  },
  {
    name: 'information-request-past-due',
    purpose: 'R-REM-3, R-PRV-5: the member of staff who asked is told an information request is past due',
    subject: 'Past due: {{providerName}} has not answered {{reference}}',
    text: [
      'Dear {{recipientName}},',
      '',
      '{{providerName}} was asked to explain a significant {{signal}} by {{dueOn}} (reference {{reference}}) and has not answered (R-PRV-5).',
      'It stays on your work, under open information requests, until it is answered. The provider’s information requests: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>{{html.providerName}} was asked to explain a significant {{html.signal}} by <strong>{{html.dueOn}}</strong> (reference {{html.reference}}) and has not answered (R-PRV-5).</p>',
      '<p>It stays on your work, under open information requests, until it is answered. <a href="{{html.workspaceLink}}">The provider’s information requests</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'providerName', 'signal', 'reference', 'dueOn', 'workspaceLink'],
  },
  {
    name: 'overdue-digest',
    purpose:
      'R-CAD-8, R-TEAM-3: once a day, each person told of overdue meetings (the current holder or their cover, the lead, the operations manager of the provider’s team) gets one email listing all of theirs',
    subject: 'Overdue meetings on {{day}}: {{meetingCount}} for you',
    text: [
      'Dear {{recipientName}},',
      '',
      '{{intro}}',
      '{{#each meetings}}',
      '',
      '- The {{title}} with {{providerName}}, due by {{dueBy}} (our engagement rules require it: {{ruleId}}). It is {{status}}.',
      '  Relationship holder: {{holderName}}. Lead: {{leadName}}.',
      '  You are told as {{why}}.',
      '  Book it, or record what happened, on the meeting’s page: {{link}}',
      '{{/each}}',
      '',
      'Each meeting is listed once, on the day it is found overdue. Your work, in the workspace: {{workspaceLink}}',
    ].join('\n'),
    html: [
      '<p>Dear {{html.recipientName}},</p>',
      '<p>{{html.intro}}</p>',
      '<ul>{{#each html.meetings}}<li><p><strong>The {{this.title}} with {{this.providerName}}</strong>, due by {{this.dueBy}} (our engagement rules require it: {{this.ruleId}}). It is {{this.status}}.</p><p>Relationship holder: {{this.holderName}}. Lead: {{this.leadName}}.</p><p>You are told as {{this.why}}.</p><p><a href="{{this.link}}">Book it, or record what happened, on the meeting’s page</a></p></li>{{/each}}</ul>',
      '<p>Each meeting is listed once, on the day it is found overdue. <a href="{{html.workspaceLink}}">Your work, in the workspace</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'day', 'meetingCount', 'intro', 'meetings', 'workspaceLink'],
  },
];

/** Templates whose every copy goes to staff: each links to the workspace (issue 15). meeting-reminder does when sent to staff. */
export const STAFF_EMAIL_TEMPLATES: readonly EmailTemplateName[] = [
  'overdue-engagement',
  'provider-commented',
  'template-to-share',
  'daily-digest',
  'address-undeliverable',
  'submission-received',
  'information-request-answered',
  'information-request-past-due',
  'overdue-digest',
];
