import type { EmailTemplateName } from '../definitions/email-templates.ts';
import { ConflictError, NotFoundError } from '../domain/errors.ts';
import { providerView } from '../domain/templates/compose-template.ts';
import { type SectionChanges, templateChanges } from '../domain/templates/template-changes.ts';
import type { Meeting } from '../schemas/meeting.ts';
import type { Template } from '../schemas/template.ts';
import { meetingTitle } from './manage-meeting.ts';
import type { ChangeContext, RegisterStore, TemplateVersionSummary } from './ports.ts';
import { type LinkSettings, meetingOf, plannedShare, type TemplateDeps } from './pre-meeting-template.ts';
import type { RespondView } from './respond-to-template.ts';

/**
 * Reading a template's history and what sharing it would send (issue 15, R-TPL-2, R-TPL-3), for the workspace:
 * every saved version with who saved it, what changed between a version and the one before, and a preview of
 * the provider's page and the email, made by the share's own code (plannedShare) and sending nothing.
 */
type ReadDeps = Pick<TemplateDeps, 'register' | 'meetings' | 'templates'>;

/** `staff:<id>` as saveTemplate records it: the person's name, or who it was when they are not on the register. */
async function namesOf(register: Pick<RegisterStore, 'getStaff'>, savedBy: (string | null)[]) {
  const ids = [...new Set(savedBy.flatMap((by) => (by?.startsWith('staff:') ? [by.slice('staff:'.length)] : [])))];
  const staff = await Promise.all(ids.map((id) => register.getStaff(id)));
  const names = new Map(
    ids.map((id, index) => [`staff:${id}`, staff[index]?.name ?? 'Someone not on the staff register']),
  );
  return (by: string | null) => (by ? (names.get(by) ?? 'The system') : 'Nobody recorded');
}

export interface VersionListed extends TemplateVersionSummary {
  savedByName: string;
}

/** Every saved version, newest first, with who saved it. Course: 1. the meeting (404)  2. one Query  3. the names. */
export async function templateVersions(
  deps: ReadDeps,
  meetingId: string,
): Promise<{ meeting: Meeting; versions: VersionListed[] }> {
  const [meeting, versions] = await Promise.all([
    meetingOf(deps, meetingId),
    deps.templates.templateVersions(meetingId),
  ]);
  const nameOf = await namesOf(
    deps.register,
    versions.map((version) => version.savedBy),
  );
  return {
    meeting,
    versions: versions
      .map((version) => ({ ...version, savedByName: nameOf(version.savedBy) }))
      .sort((a, b) => b.version - a.version),
  };
}

/**
 * What changed in `version` since the version before it (the first version: everything in it is new).
 * Course: 1. the meeting (404)  2. the two versions (404 if the asked one was never saved)  3. compare them.
 */
export async function versionChanges(
  deps: ReadDeps,
  meetingId: string,
  version: number,
): Promise<{
  meeting: Meeting;
  template: Template;
  previous: Template | null;
  savedByName: string;
  changes: SectionChanges[];
}> {
  const [meeting, template, previous] = await Promise.all([
    meetingOf(deps, meetingId),
    deps.templates.templateVersion(meetingId, version),
    version > 1 ? deps.templates.templateVersion(meetingId, version - 1) : Promise.resolve(null),
  ]);
  if (!template) throw new NotFoundError('No such version of this template');
  const nameOf = await namesOf(deps.register, [template.savedBy]);
  return {
    meeting,
    template,
    previous,
    savedByName: nameOf(template.savedBy),
    changes: templateChanges(previous, template),
  };
}

export interface EmailPreviewDeps extends ReadDeps, Pick<TemplateDeps, 'relationships'> {
  /** The email as the mail service would render it (null: it is busy, try again); nothing is sent. */
  renderEmail(
    template: EmailTemplateName,
    values: Record<string, string | readonly string[]>,
  ): Promise<{
    subject: string;
    text: string;
    html: string;
  } | null>;
}

/** Where a link in the preview points: nowhere that works (a real link would let the reader act as the contact). */
export const PREVIEW_LINK = 'https://example.invalid/made-for-each-contact-when-you-share';

export type SharePreview =
  | { kind: 'not-ready'; reason: string }
  | {
      kind: 'ready';
      /** The provider's page as the first recipient will see it. */
      view: Extract<RespondView, { kind: 'open' }>;
      recipients: { name: string }[];
      /** The first recipient's email; `rendered` null when the mail service was busy. */
      email: { to: string; rendered: { subject: string; text: string; html: string } | null };
    };

/**
 * What sharing now would send, without sharing (R-TPL-2): the provider's page built as the respond function
 * builds it (the version the share would send, sensitive items left out by the same providerView) and the
 * first recipient's email rendered by the mail service from the same data the share sends, its links replaced
 * by PREVIEW_LINK. Course: 1. plannedShare (its refusals become the reason it is not ready)  2. the provider's
 * view  3. the email rendered, nothing stored, nothing sent.
 */
export async function previewShare(
  deps: EmailPreviewDeps,
  meetingId: string,
  links: LinkSettings,
  context: Pick<ChangeContext, 'now'>,
): Promise<SharePreview> {
  let planned: Awaited<ReturnType<typeof plannedShare>>;
  try {
    planned = await plannedShare(deps, meetingId, links, { now: context.now, newId: () => 'preview' });
  } catch (error) {
    if (error instanceof ConflictError) return { kind: 'not-ready', reason: error.message };
    throw error;
  }
  const { meeting, template, provider, recipients, share, emails } = planned;
  const [first] = recipients;
  const [email] = emails;
  if (!first || !email) return { kind: 'not-ready', reason: 'Nobody would be sent the template' };
  const comments = await deps.templates.comments(meetingId);
  const rendered = await deps.renderEmail('template-shared', {
    ...email.data,
    link: PREVIEW_LINK,
    contactLink: PREVIEW_LINK,
  });
  return {
    kind: 'ready',
    view: {
      kind: 'open',
      claims: {
        purpose: 'respond',
        providerId: provider.providerId,
        meetingId,
        shareId: share.shareId,
        contactId: first.contactId,
        expiresAt: Math.floor(new Date(share.closesAt).getTime() / 1000),
      },
      meeting: { ...meeting, share },
      meetingTitle: meetingTitle(meeting),
      providerName: provider.name,
      contactName: first.name,
      sections: providerView(template),
      earlier: comments,
    },
    recipients: recipients.map(({ name }) => ({ name })),
    email: { to: first.name, rendered },
  };
}
