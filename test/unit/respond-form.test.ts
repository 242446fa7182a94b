import { describe, expect, it } from 'vitest';
import { checkResponse, type ResponseForm } from '../../shared/use-cases/respond-to-template.ts';

/** R-PRV-1: a concern added on the template page carries the action being taken, as on the contact page. */
const formWith = (addition: Partial<ResponseForm['addition']>): ResponseForm => ({
  comments: {},
  addition: { kind: '', text: '', actionTaken: '', ...addition },
});

describe('checking the template page form (R-PRV-1)', () => {
  it.each([
    ['a concern with no action', { kind: 'concern', text: 'Staffing', actionTaken: '' }, ['addition-action']],
    [
      'a concern whose action is only spaces',
      { kind: 'concern', text: 'Staffing', actionTaken: '   ' },
      ['addition-action'],
    ],
    ['a concern with its action', { kind: 'concern', text: 'Staffing', actionTaken: 'Agency cover' }, []],
    ['an external review with no action', { kind: 'external-review', text: 'Maternity review' }, []],
    [
      'an action over 4000 characters',
      { kind: 'concern', text: 'Staffing', actionTaken: 'x'.repeat(4001) },
      ['addition-action'],
    ],
  ])('%s', (_case, addition, paths) => {
    const problems = checkResponse(formWith(addition), ['incidents']);

    expect(problems.map((problem) => problem.path)).toEqual(paths);
  });
});
