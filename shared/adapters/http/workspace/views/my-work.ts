import { workspacePath } from '../../../../domain/workspace/links.ts';
import type { Dashboard, DashboardMeeting } from '../../../../use-cases/read-relationships.ts';
import { badge, insetText, regionTable, tag } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { capitalised, dayInWords, instantInWords, waitedInWords, words } from './words.ts';

/**
 * My work (issue 15): what GET /me/dashboard answers, as a page. Each list says what to do next and
 * links to the page where it is done.
 */
const link = (href: string, text: string) => html`<a class="govuk-link" href="${href}">${text}</a>`;
const empty = (text: string) => html`<p class="govuk-body">${text}</p>`;

export const providerHref = (providerId: string) => workspacePath({ page: 'provider', providerId });
export const meetingHref = (meetingId: string) => workspacePath({ page: 'meeting', meetingId });

function relationships(dashboard: Dashboard): SafeHtml {
  if (dashboard.relationships.length === 0) return empty('You hold no relationships.');
  return regionTable({
    caption: 'My relationships and corporate leads',
    sortable: true,
    head: [{ text: 'Provider' }, { text: 'Relationship' }, { text: 'Since' }, { text: 'Review' }],
    rows: dashboard.relationships.map((held) => [
      { html: link(providerHref(held.providerId), held.providerName) },
      { text: capitalised(held.scope === 'corporate-lead' ? 'corporate relationship lead' : `${held.scope} holder`) },
      { text: dayInWords(held.since.slice(0, 10)), sortValue: held.since },
      {
        html: held.reviewNeeded
          ? html`${tag({ text: 'Review needed', classes: 'govuk-tag--orange' })}<p class="govuk-body-s">${held.reviewNeeded.reason} (${held.reviewNeeded.fromRuleId})</p>`
          : html`<span class="govuk-visually-hidden">No review needed</span>`,
      },
    ]),
  });
}

function meetings(title: string, list: Dashboard['nextMeetings'], overdue: boolean): SafeHtml {
  if (list.length === 0) return html`<h2 class="govuk-heading-m">${title}</h2>${empty('None.')}`;
  return regionTable({
    caption: title,
    sortable: true,
    head: [
      { text: 'Meeting' },
      { text: 'Provider' },
      { text: 'Why it is yours' },
      { text: 'When' },
      { text: 'Status' },
    ],
    rows: list.map((meeting) => [
      { html: link(meetingHref(meeting.meetingId), capitalised(`${words(meeting.type)} meeting`)) },
      { text: meeting.providerName },
      { html: whyMine(meeting) },
      {
        text: meeting.startsAt ? instantInWords(meeting.startsAt) : `Not booked: due by ${dayInWords(meeting.dueBy)}`,
        // Sorted by when it is, or when it is due by: both are ISO, so they sort as text.
        sortValue: meeting.startsAt ?? meeting.dueBy,
      },
      {
        html: overdue
          ? tag({ text: 'Overdue', classes: 'govuk-tag--red' })
          : meeting.startsAt
            ? tag({ text: 'Booked', classes: 'govuk-tag--green' })
            : tag({ text: 'Not booked', classes: 'govuk-tag--yellow' }),
      },
    ]),
  });
}

/**
 * R-REL-2, R-CAD-4, R-TEAM-5: whether I hold the relationship now, lead the meeting, or cover for someone who
 * does; and who the relationship holder is when it is not me.
 */
function whyMine(meeting: DashboardMeeting): SafeHtml {
  const role =
    meeting.mine.length === 2
      ? 'Relationship holder and lead'
      : meeting.mine[0] === 'lead'
        ? 'Lead'
        : 'Relationship holder';
  const holder =
    meeting.currentHolder && !meeting.mine.includes('holder')
      ? html`<p class="govuk-body-s">Relationship holder: ${meeting.currentHolder.name}</p>`
      : '';
  return meeting.coveringFor
    ? html`${tag({ text: 'Cover', classes: 'govuk-tag--purple' })}<p class="govuk-body-s">${role}: ${meeting.coveringFor.name}, who is away</p>${holder}`
    : html`${role}${holder}`;
}

function covering(dashboard: Dashboard): SafeHtml | string {
  if (dashboard.covering.length === 0) return '';
  return insetText({
    text: `You are covering for ${dashboard.covering
      .map((person) => `${person.name} (away ${dayInWords(person.from)} to ${dayInWords(person.to)})`)
      .join(', ')}: their meetings are on your lists, marked as cover (R-TEAM-5).`,
  });
}

export function myWorkMain(name: string, dashboard: Dashboard): SafeHtml {
  const unbooked = dashboard.nextMeetings.filter((meeting) => !meeting.startsAt);
  const booked = dashboard.nextMeetings.filter((meeting) => meeting.startsAt);
  return html`<h1 class="govuk-heading-l">My work</h1>
<p class="govuk-body-l">${name}, this is what needs you.</p>
${
  dashboard.reviewsNeeded.length > 0
    ? insetText({
        text: `${dashboard.reviewsNeeded.length} corporate lead${dashboard.reviewsNeeded.length === 1 ? ' needs' : 's need'} review: the provider moved into another corporate band (R-CORP).`,
      })
    : ''
}
${covering(dashboard)}
${relationships(dashboard)}
${meetings('Next meetings', booked, false)}
${meetings('Meetings to book', unbooked, false)}
${meetings('Overdue meetings (R-CAD-8)', dashboard.overdueMeetings, true)}
<h2 class="govuk-heading-m">Comments waiting ${badge({ text: String(dashboard.commentsWaiting.length) })}</h2>
${
  dashboard.commentsWaiting.length === 0
    ? empty('No comments from providers in the last 30 days.')
    : html`<ul class="govuk-list">${dashboard.commentsWaiting.map(
        (comment) =>
          html`<li>${link(`${meetingHref(comment.meetingId)}/template`, `${comment.contactName}: “${comment.text.slice(0, 120)}”`)} <span class="govuk-body-s">${instantInWords(comment.submittedAt)}</span></li>`,
      )}</ul>`
}
<h2 class="govuk-heading-m">Open submissions, oldest first (R-PRV-4)</h2>
${
  dashboard.openSubmissions.length === 0
    ? empty('Nothing waiting for an answer.')
    : regionTable({
        caption: 'Open submissions',
        sortable: true,
        head: [{ text: 'Reference' }, { text: 'Provider' }, { text: 'What' }, { text: 'Waiting' }],
        rows: dashboard.openSubmissions.map((submission) => [
          { html: link(workspacePath({ page: 'submission', reference: submission.reference }), submission.reference) },
          { html: link(providerHref(submission.providerId), submission.providerName) },
          { text: capitalised(words(submission.kind)) },
          { text: waitedInWords(submission.minutesWaiting), sortValue: submission.minutesWaiting },
        ]),
      })
}
<h2 class="govuk-heading-m">Information requests due (R-PRV-5)</h2>
${
  dashboard.openInformationRequests.length === 0
    ? empty('No open information requests.')
    : regionTable({
        caption: 'Information requests I asked',
        sortable: true,
        head: [{ text: 'Reference' }, { text: 'Provider' }, { text: 'Due' }],
        rows: dashboard.openInformationRequests.map((request) => [
          {
            html: link(
              workspacePath({ page: 'provider', providerId: request.providerId, tab: 'information-requests' }),
              request.reference,
            ),
          },
          { html: link(providerHref(request.providerId), request.providerName) },
          { text: dayInWords(request.dueOn), sortValue: request.dueOn },
        ]),
      })
}`;
}
