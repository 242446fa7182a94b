/**
 * SES email templates, declared once (Handlebars, as SES renders them). infra/ creates them as
 * AWS::SES::Template; the local stack creates them in aws-ses-v2-local through the same SES v2
 * CreateEmailTemplate call. Physical names are prefixed with the stage: SES names are per account.
 * Every template has a plain-text and an HTML part.
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
    ].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>Before our {{meetingTitle}} on {{meetingDate}} we have prepared a summary of what we will discuss.</p>',
      '<p>Please read it and comment on it, or add to it, by <strong>{{deadline}}</strong>:</p>',
      '<p><a href="{{link}}">{{link}}</a></p>',
      '<p>{{holderName}}, Care Quality Commission</p>',
    ].join('\n'),
    variables: ['recipientName', 'meetingTitle', 'meetingDate', 'deadline', 'link', 'holderName'],
  },
  {
    name: 'meeting-reminder',
    purpose: 'R-REM-3: a reminder, sent to each attendee before a meeting',
    subject: 'Reminder: {{meetingTitle}} on {{meetingDate}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'This is a reminder of the {{meetingTitle}} with {{providerName}} on {{meetingDate}} ({{mode}}).',
    ].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>This is a reminder of the {{meetingTitle}} with {{providerName}} on {{meetingDate}} ({{mode}}).</p>',
    ].join('\n'),
    variables: ['recipientName', 'meetingTitle', 'providerName', 'meetingDate', 'mode'],
  },
  {
    name: 'overdue-engagement',
    purpose: 'R-CAD-8: a required meeting not held by its due date, to the holder and the operations manager',
    subject: 'Overdue: {{meetingTitle}} with {{providerName}} was due by {{dueBy}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'The {{meetingTitle}} with {{providerName}} that {{ruleId}} requires was due by {{dueBy}} and has not been held.',
      'Status: {{status}}. Relationship holder: {{holderName}}.',
      '',
      'Meeting reference: {{meetingId}}',
    ].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>The {{meetingTitle}} with {{providerName}} that {{ruleId}} requires was due by <strong>{{dueBy}}</strong> and has not been held.</p>',
      '<p>Status: {{status}}. Relationship holder: {{holderName}}.</p>',
      '<p>Meeting reference: {{meetingId}}</p>',
    ].join('\n'),
    variables: [
      'recipientName',
      'meetingTitle',
      'providerName',
      'ruleId',
      'dueBy',
      'status',
      'holderName',
      'meetingId',
    ],
  },
  {
    name: 'provider-commented',
    purpose: 'R-TPL-4: the holder is told when the provider comments on a shared template',
    subject: '{{providerName}} commented on the template for your {{meetingTitle}}',
    text: [
      'Dear {{recipientName}},',
      '',
      '{{contactName}} of {{providerName}} sent {{count}} comment(s) on the pre-meeting template for the {{meetingTitle}} on {{meetingDate}}.',
      '',
      'Read them with GET /meetings/{{meetingId}}/comments, or on your dashboard.',
    ].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>{{contactName}} of {{providerName}} sent {{count}} comment(s) on the pre-meeting template for the {{meetingTitle}} on {{meetingDate}}.</p>',
      '<p>Read them with GET /meetings/{{meetingId}}/comments, or on your dashboard.</p>',
    ].join('\n'),
    variables: ['recipientName', 'contactName', 'providerName', 'count', 'meetingTitle', 'meetingDate', 'meetingId'],
  },
  {
    name: 'template-to-share',
    purpose: 'R-REM-3, R-TPL-2: the lead is reminded to share the pre-meeting template, not yet shared',
    subject: 'Share the pre-meeting template for your {{meetingTitle}} with {{providerName}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'The {{meetingTitle}} with {{providerName}} is on {{meetingDate}} and its pre-meeting template has not been shared yet.',
      'Save it (PUT /meetings/{{meetingId}}/template) and share it (POST /meetings/{{meetingId}}/template/share) so the provider has time to comment.',
    ].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>The {{meetingTitle}} with {{providerName}} is on {{meetingDate}} and its pre-meeting template has not been shared yet.</p>',
      '<p>Save it (<code>PUT /meetings/{{meetingId}}/template</code>) and share it (<code>POST /meetings/{{meetingId}}/template/share</code>) so the provider has time to comment.</p>',
    ].join('\n'),
    variables: ['recipientName', 'meetingTitle', 'providerName', 'meetingDate', 'meetingId'],
  },
  {
    name: 'comment-deadline',
    purpose: 'R-REM-3, R-TPL-3: a provider contact who has not commented is reminded before comments close',
    subject: 'Comments on the {{meetingTitle}} template close on {{deadline}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'We have not had your comments on the summary for our {{meetingTitle}} on {{meetingDate}}.',
      'You can comment on it, or add to it, until {{deadline}}:',
      '',
      '{{link}}',
    ].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>We have not had your comments on the summary for our {{meetingTitle}} on {{meetingDate}}.</p>',
      '<p>You can comment on it, or add to it, until <strong>{{deadline}}</strong>:</p>',
      '<p><a href="{{link}}">{{link}}</a></p>',
    ].join('\n'),
    variables: ['recipientName', 'meetingTitle', 'meetingDate', 'deadline', 'link'],
  },
  {
    name: 'daily-digest',
    purpose: 'R-REM-3: once a day, each holder is told what the daily run did or found for their meetings',
    subject: 'Provider engagement, {{day}}: {{count}} item(s) for you',
    text: ['Dear {{recipientName}},', '', 'Today ({{day}}):', '{{#each items}}', '- {{this}}', '{{/each}}'].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>Today ({{day}}):</p>',
      '<ul>{{#each items}}<li>{{this}}</li>{{/each}}</ul>',
    ].join('\n'),
    variables: ['recipientName', 'day', 'count', 'items'],
  },
  {
    name: 'address-undeliverable',
    purpose: "Bounces and complaints: the holder is asked for a provider contact's new address",
    subject: 'We cannot email {{contactName}} at {{providerName}}',
    text: [
      'Dear {{recipientName}},',
      '',
      'Email to {{contactName}} of {{providerName}} {{reason}}, so nothing more will be sent to that address.',
      'Please get a new address from the provider and update the contact (PATCH /providers/{{providerId}}).',
    ].join('\n'),
    html: [
      '<p>Dear {{recipientName}},</p>',
      '<p>Email to {{contactName}} of {{providerName}} {{reason}}, so nothing more will be sent to that address.</p>',
      '<p>Please get a new address from the provider and update the contact (<code>PATCH /providers/{{providerId}}</code>).</p>',
    ].join('\n'),
    variables: ['recipientName', 'contactName', 'providerName', 'reason', 'providerId'],
  },
];
