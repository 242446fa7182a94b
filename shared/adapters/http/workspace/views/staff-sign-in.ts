import { STAFF_ROLES } from '../../../../domain/vocabulary.ts';
import type { Staff } from '../../../../schemas/staff.ts';
import type { Team } from '../../../../schemas/team.ts';
import { button, checkboxes, input, select, warningText } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { adminHeader } from './admin-nav.ts';
import type { RegisterForm } from './register.ts';
import { roleWords, staffHref } from './staff-admin.ts';

/**
 * Adding a member of staff (POST /staff) and bringing a person's sign-in into step with their stored
 * roles (POST /staff/{id}/sign-in-groups, R-TEAM-5): the retry after a change whose sync failed, and
 * the check that a leaver's sign-in is off.
 */
export const ADD_STAFF_PATH = '/workspace/admin/staff/new';
export const signInStepHref = (staffId: string) => `${staffHref(staffId)}/sign-in`;

const problemOf = (form: RegisterForm, field: string) => {
  const found = form.problems.find((problem) => problem.href === `#${field}`);
  return found ? { text: found.text } : undefined;
};

export function addStaffMain(params: {
  roles: readonly string[];
  teams: readonly Team[];
  form: RegisterForm;
}): SafeHtml {
  const { form } = params;
  const chosen = (form.values.roles ?? '').split(',').filter(Boolean);
  return html`${adminHeader(params.roles, 'staff', 'Add a member of staff')}
<form method="post" action="${ADD_STAFF_PATH}" novalidate>
<input type="hidden" name="formToken" value="${form.formToken}">
${input({
  name: 'name',
  label: { text: 'Full name', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'name'),
  value: form.values.name ?? '',
})}
${input({
  name: 'email',
  type: 'email',
  label: { text: 'Email address', classes: 'govuk-label--s' },
  hint: { text: 'Their work address: they sign in with it' },
  errorMessage: problemOf(form, 'email'),
  value: form.values.email ?? '',
  spellcheck: false,
})}
${checkboxes({
  name: 'roles',
  fieldset: { legend: { text: 'Roles', classes: 'govuk-fieldset__legend--s' } },
  hint: { text: 'Select all that apply' },
  errorMessage: problemOf(form, 'roles'),
  items: STAFF_ROLES.map((role) => ({ value: role, text: roleWords(role), checked: chosen.includes(role) })),
})}
${select({
  name: 'teamId',
  label: { text: 'Team (optional)', classes: 'govuk-label--s' },
  errorMessage: problemOf(form, 'teamId'),
  items: [
    { value: '', text: 'Not in a team yet', selected: !form.values.teamId },
    ...params.teams.map((team) => ({
      value: team.teamId,
      text: team.name,
      selected: form.values.teamId === team.teamId,
    })),
  ],
})}
${button({ text: 'Add the member of staff' })}
</form>`;
}

/**
 * On a person's page, when it matters: their last change was saved but their sign-in was not brought
 * into step, or they have a leaving day (sign-in is disabled from then, R-TEAM-5). Null otherwise.
 */
export function signInStepSection(params: {
  member: Staff;
  outOfStep: boolean;
  mayRun: boolean;
  formToken: string;
}): SafeHtml | '' {
  const { member } = params;
  if (!params.mayRun || (!params.outOfStep && member.leftOn === null)) return '';
  return html`${
    params.outOfStep
      ? warningText({
          text: `${member.name}’s record is saved, but their sign-in could not be brought into step with it just now. Nothing is lost: bring it into step (safe to repeat).`,
          iconFallbackText: 'Warning',
        })
      : html`<p class="govuk-body">They have a leaving day: their sign-in is turned off. Check it is, if in doubt.</p>`
  }
<form method="post" action="${signInStepHref(member.staffId)}" novalidate>
<input type="hidden" name="formToken" value="${params.formToken}">
${button({ text: 'Bring sign-in into step', classes: 'govuk-button--secondary' })}
</form>`;
}
