import type { ItemChange, SectionChanges } from '../../../../domain/templates/template-changes.ts';
import type { Meeting } from '../../../../schemas/meeting.ts';
import type { Template } from '../../../../schemas/template.ts';
import type { SharePreview, VersionListed } from '../../../../use-cases/template-versions.ts';
import { backLink, insetText, regionTable, summaryList, tag, warningText } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { meetingHref } from './my-work.ts';
import { instantInWords } from './words.ts';

/**
 * The template's history and preview pages (issue 15 item 5; R-TPL-1..3): every saved version, what changed
 * in a version since the one before (section by section), and what sharing would send: the provider's page
 * and the email, each in a sandboxed frame (srcdoc, no scripts, no forms, no origin of its own) with the
 * email's HTML also shown as escaped source. Everything from data goes through the escaping `html` tag.
 */
export const templateHref = (meetingId: string) => `${meetingHref(meetingId)}/template`;
export const versionsHref = (meetingId: string) => `${templateHref(meetingId)}/versions`;
export const versionHref = (meetingId: string, version: number) => `${versionsHref(meetingId)}/${version}`;
export const previewHref = (meetingId: string) => `${templateHref(meetingId)}/preview`;

const heading = (meeting: Meeting, title: string) => html`<span class="govuk-caption-l">${meeting.providerName}</span>
<h1 class="govuk-heading-l">${title}</h1>`;

export function versionsMain(meeting: Meeting, versions: VersionListed[], sharedVersion: number | null): SafeHtml {
  return html`${backLink({ href: templateHref(meeting.meetingId), text: 'The template' })}
${heading(meeting, 'Versions of the template')}
<p class="govuk-body">Every saved version is kept (R-TPL-3). Open one to see what changed since the version before it.</p>
${
  versions.length === 0
    ? html`<p class="govuk-body">No version has been saved yet: the template is still the draft made from the information held.</p>`
    : regionTable({
        caption: 'Saved versions, newest first',
        sortable: true,
        head: [
          { text: 'Version', sort: 'descending' },
          { text: 'Saved' },
          { text: 'By' },
          { text: 'Shared', sort: false },
        ],
        firstCellIsHeader: true,
        rows: versions.map((version) => [
          {
            sortValue: version.version,
            html: html`<a class="govuk-link" href="${versionHref(meeting.meetingId, version.version)}">Version ${String(version.version)}<span class="govuk-visually-hidden">: what changed</span></a>`,
          },
          {
            text: version.savedAt ? instantInWords(version.savedAt) : 'Not recorded',
            sortValue: version.savedAt ?? '',
          },
          { text: version.savedByName },
          {
            html:
              version.version === sharedVersion
                ? tag({ text: 'Shared with the provider', classes: 'govuk-tag--green' })
                : html`<span class="govuk-visually-hidden">Not shared</span>`,
          },
        ]),
      })
}`;
}

const sensitivity = (sensitive: boolean) =>
  sensitive ? 'sensitive: kept from the provider' : 'not sensitive: the provider sees it';

function changeRow(change: ItemChange): SafeHtml {
  if (change.kind === 'added')
    return html`<li>${tag({ text: 'Added', classes: 'govuk-tag--green' })} ${change.item.text}${change.item.sensitive ? ' (sensitive: kept from the provider)' : ''}</li>`;
  if (change.kind === 'removed')
    return html`<li>${tag({ text: 'Removed', classes: 'govuk-tag--red' })} ${change.item.text}</li>`;
  return html`<li>${tag({ text: change.textChanged ? 'Changed' : 'Sensitivity changed', classes: 'govuk-tag--yellow' })}${
    change.textChanged
      ? html` <span class="govuk-visually-hidden">from</span><del>${change.before.text}</del> <span class="govuk-visually-hidden">to</span><ins>${change.after.text}</ins>`
      : html` ${change.after.text}`
  }${change.sensitivityChanged ? html`<br><span class="govuk-body-s">Now ${sensitivity(change.after.sensitive)} (was ${sensitivity(change.before.sensitive)})</span>` : ''}</li>`;
}

function sectionChanges(section: SectionChanges): SafeHtml {
  const status =
    section.status === 'added'
      ? html` ${tag({ text: 'New section', classes: 'govuk-tag--green' })}`
      : section.status === 'removed'
        ? html` ${tag({ text: 'Section removed', classes: 'govuk-tag--red' })}`
        : '';
  return html`<h2 class="govuk-heading-m">${section.title}${status}</h2>
${section.titleBefore ? html`<p class="govuk-body">Renamed from “${section.titleBefore}”.</p>` : ''}
${section.changes.length ? html`<ul class="govuk-list govuk-list--spaced">${section.changes.map(changeRow)}</ul>` : ''}`;
}

export function changesMain(
  meeting: Meeting,
  found: { template: Template; previous: Template | null; savedByName: string; changes: SectionChanges[] },
): SafeHtml {
  const { template, previous, changes } = found;
  return html`${backLink({ href: versionsHref(meeting.meetingId), text: 'Versions of the template' })}
${heading(meeting, `What changed in version ${template.version}`)}
${summaryList({
  rows: [
    { key: { text: 'Saved' }, value: { text: template.savedAt ? instantInWords(template.savedAt) : 'Not recorded' } },
    { key: { text: 'By' }, value: { text: found.savedByName } },
    {
      key: { text: 'Compared with' },
      value: {
        text: previous
          ? `Version ${previous.version}${previous.savedAt ? `, saved ${instantInWords(previous.savedAt)}` : ''}`
          : 'Nothing: this is the first saved version, so everything in it is new',
      },
    },
  ],
})}
${changes.length === 0 ? insetText({ text: 'Nothing changed: this version says the same as the one before.' }) : changes.map(sectionChanges)}`;
}

/** The email's subject and its two parts: the HTML in a sandboxed frame and as escaped source, the text line by line. */
function emailParts(to: string, email: { subject: string; text: string; html: string }): SafeHtml {
  return html`${summaryList({
    rows: [
      { key: { text: 'To' }, value: { text: to } },
      { key: { text: 'Subject' }, value: { text: email.subject } },
    ],
  })}
<h3 class="govuk-heading-s">As most people see it (the HTML part)</h3>
<iframe class="app-preview-frame" title="Preview of the email" sandbox="" width="100%" height="360" srcdoc="${email.html}"></iframe>
<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">The HTML part’s source</span></summary>
<div class="govuk-details__text"><code>${email.html}</code></div></details>
<h3 class="govuk-heading-s">The plain text part</h3>
<div class="govuk-inset-text">${email.text.split('\n').map((line, index) => html`${index > 0 ? html`<br>` : ''}${line}`)}</div>`;
}

/** The provider's page, as the respond function renders it, and the email's three parts. */
export function previewMain(meeting: Meeting, preview: SharePreview, providerPage: string | null): SafeHtml {
  const top = html`${backLink({ href: templateHref(meeting.meetingId), text: 'The template' })}
${heading(meeting, 'Preview what sharing sends')}`;
  if (preview.kind === 'not-ready' || providerPage === null) {
    return html`${top}${insetText({ text: `Nothing to preview yet. ${preview.kind === 'not-ready' ? preview.reason : ''}` })}
<p class="govuk-body"><a class="govuk-link" href="${templateHref(meeting.meetingId)}">Go back to the template</a></p>`;
  }
  const { email, recipients } = preview;
  return html`${top}
${warningText({ iconFallbackText: 'Warning', text: 'Nothing has been sent. This is what sharing the latest saved version now would send.' })}
<p class="govuk-body">Sharing emails ${recipients.length === 1 ? 'one person' : `${recipients.length} people`}: ${recipients.map((recipient) => recipient.name).join(', ')}. Below is what ${email.to} would get. The links in the preview go nowhere: each person’s own link is made when you share.</p>
<h2 class="govuk-heading-m">The provider’s page</h2>
<p class="govuk-body">What ${email.to} sees through the link in the email. Sensitive items are left out, as they are on the provider’s page (R-TPL-1).</p>
<iframe class="app-preview-frame" title="Preview of the provider’s page" sandbox="" width="100%" height="720" srcdoc="${providerPage}"></iframe>
<h2 class="govuk-heading-m">The email</h2>
${email.rendered ? emailParts(email.to, email.rendered) : insetText({ text: 'The mail service is busy rendering another preview (it renders one a second). Reload the page in a moment to see the email.' })}`;
}
