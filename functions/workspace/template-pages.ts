import { respondPage } from '../../shared/adapters/http/pages/respond-pages.ts';
import { changesMain, previewMain, versionsMain } from '../../shared/adapters/http/workspace/views/template-history.ts';
import { sesEmailPreview } from '../../shared/adapters/ses/email-preview.ts';
import { ENV, readEnv } from '../../shared/config/env.ts';
import { publicBaseUrl } from '../../shared/config/link-key.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { NotFoundError } from '../../shared/domain/errors.ts';
import { previewShare, templateVersions, versionChanges } from '../../shared/use-cases/template-versions.ts';
import { changeAs, type GetPage, type PageRequest, render } from './context.ts';
import { deps, linkKey } from './deps.ts';

/**
 * The template's history and preview (issue 15 item 5): read-only pages, each allowed to exactly the roles of
 * GET /meetings/{id}/template, the API route that reads the same template. The preview renders the email with
 * SES's TestRenderEmailTemplate (nothing is sent) and the provider's page with the respond function's own view.
 */

const { STAGE } = readEnv([ENV.stage]);
const previewDeps = { ...deps, renderEmail: sesEmailPreview(STAGE) };

/** A version number as it appears in the address: 1 to 999999 (the store's key holds six digits), else 404. */
function versionIn(request: PageRequest): number {
  const text = request.path.version ?? '';
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new NotFoundError('No such version of this template');
  return Number(text);
}

export const TEMPLATE_PAGES: { get: Record<string, GetPage> } = {
  get: {
    workspaceTemplateVersions: async (request) => {
      changeAs(request, ROUTE_ROLES.getTemplate);
      const { meeting, versions } = await templateVersions(deps, request.path.meetingId ?? '');
      return render(request, 200, {
        title: `${meeting.providerName}: versions of the template`,
        main: versionsMain(meeting, versions, meeting.share?.templateVersion ?? null),
      });
    },
    workspaceTemplateVersion: async (request) => {
      changeAs(request, ROUTE_ROLES.getTemplate);
      const version = versionIn(request);
      const found = await versionChanges(deps, request.path.meetingId ?? '', version);
      return render(request, 200, {
        title: `${found.meeting.providerName}: what changed in version ${version}`,
        main: changesMain(found.meeting, found),
      });
    },
    workspaceTemplatePreview: async (request) => {
      changeAs(request, ROUTE_ROLES.getTemplate);
      const meetingId = request.path.meetingId ?? '';
      const meeting = await deps.meetings.getMeeting(meetingId);
      if (!meeting) throw new NotFoundError('No such meeting');
      const preview = await previewShare(
        previewDeps,
        meetingId,
        { key: linkKey, baseUrl: publicBaseUrl(request.event.requestContext.domainName) },
        { now: request.now },
      );
      // The respond function's own view, with a form that goes nowhere (the frame may not submit it anyway).
      const providerPage =
        preview.kind === 'ready'
          ? respondPage(preview.view, {
              formToken: '',
              action: '#preview',
              problems: [],
              values: { comments: {}, addition: { kind: '', text: '', actionTaken: '' } },
              submitted: false,
              concernReference: null,
            })
          : null;
      return render(request, 200, {
        title: `${meeting.providerName}: preview what sharing sends`,
        main: previewMain(meeting, preview, providerPage),
      });
    },
  },
};
