/**
 * Where in the staff workspace the work is done (issue 15): emails to staff link here, never to an API
 * path. Pure: give the workspace's origin (WORKSPACE_ORIGIN in AWS; the local API's origin locally).
 */
export type WorkspacePage =
  | { page: 'my-work' }
  | {
      page: 'provider';
      providerId: string;
      tab?: 'relationships' | 'plan' | 'meetings' | 'information' | 'submissions' | 'information-requests' | 'audit';
    }
  | { page: 'meeting'; meetingId: string }
  | { page: 'submission'; reference: string }
  | { page: 'template'; meetingId: string };

export function workspacePath(target: WorkspacePage): string {
  switch (target.page) {
    case 'my-work':
      return '/workspace';
    case 'provider':
      return `/workspace/providers/${encodeURIComponent(target.providerId)}${target.tab ? `/${target.tab}` : ''}`;
    case 'meeting':
      return `/workspace/meetings/${encodeURIComponent(target.meetingId)}`;
    case 'template':
      return `/workspace/meetings/${encodeURIComponent(target.meetingId)}/template`;
    case 'submission':
      return `/workspace/submissions/${encodeURIComponent(target.reference)}`;
  }
}

/** The full address of a workspace page, e.g. workspaceUrl('https://engagement.example.org', {page: 'meeting', meetingId}). */
export const workspaceUrl = (origin: string, target: WorkspacePage): string =>
  `${origin.replace(/\/+$/, '')}${workspacePath(target)}`;
