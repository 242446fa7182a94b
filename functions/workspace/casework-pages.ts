import { randomBytes } from 'node:crypto';
import {
  type CaseworkForm,
  informationMain,
  informationRequestsMain,
  submissionHref,
  submissionMain,
  submissionsMain,
} from '../../shared/adapters/http/workspace/views/casework.ts';
import { dayInWords } from '../../shared/adapters/http/workspace/views/words.ts';
import { publicBaseUrl } from '../../shared/config/link-key.ts';
import { ROUTE_ROLES } from '../../shared/definitions/route-roles.ts';
import { londonDate } from '../../shared/domain/calendar.ts';
import { isReference, referenceFrom } from '../../shared/domain/contact/reference.ts';
import { NotFoundError, ValidationError } from '../../shared/domain/errors.ts';
import { dayFromParts } from '../../shared/domain/workspace/form-day.ts';
import { workspacePath } from '../../shared/domain/workspace/links.ts';
import {
  AnswerSubmissionSchema,
  CloseSubmissionSchema,
  CreateInformationRequestSchema,
} from '../../shared/schemas/contact.ts';
import { RecordInformationSchema } from '../../shared/schemas/information.ts';
import {
  answerSubmission,
  closeSubmission,
  findSubmission,
  providerSubmissions,
} from '../../shared/use-cases/answer-submission.ts';
import { recordInformation } from '../../shared/use-cases/pre-meeting-template.ts';
import { findProvider } from '../../shared/use-cases/read-register.ts';
import { providerInformationRequests, requestInformation } from '../../shared/use-cases/request-information.ts';
import { changeAs, type GetPage, mayUse, type PageRequest, type PostPage, redirect, render } from './context.ts';
import { deps, linkKey } from './deps.ts';
import { refusal } from './meeting-pages.ts';
import { register } from './stores.ts';

/**
 * Casework pages (issue 15 items 3 and 6): submissions (answer, close), information requests (ask, see
 * the answers) and information held (list, add). Each maps to the API route named beside it, through the
 * same use case, schema and role list, so the audit entries and the emails are the API's own. A refused
 * form comes back with the error summary naming the field (400, 409, or 422 with the rule id); a done one
 * redirects to the page with a notice (post, redirect, get).
 */
type Problem = { href: string; text: string };

const PAGE_SIZE = 25;
const providerIdOf = (request: PageRequest) => request.path.providerId ?? '';
const referenceOf = (request: PageRequest) => {
  const reference = request.path.reference ?? '';
  if (!isReference(reference)) throw new NotFoundError(`No submission ${reference.slice(0, 20)}`);
  return reference;
};
const query = (request: PageRequest) => request.event.queryStringParameters ?? {};
const pageOf = (request: PageRequest) => {
  const from = query(request).from;
  return { limit: PAGE_SIZE, ...(from ? { nextToken: from } : {}) };
};
const links = (request: PageRequest) => ({
  key: linkKey,
  baseUrl: publicBaseUrl(request.event.requestContext.domainName),
});
const newReference = () => referenceFrom(randomBytes(5));

const valuesOf = (form: URLSearchParams, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, form.get(name) ?? '']));

async function submissionPage(request: PageRequest, form: CaseworkForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.getSubmission);
  const submission = await findSubmission(deps, referenceOf(request));
  const shown = form ?? { formToken: request.session.formToken, values: {}, problems: [] };
  return render(request, status, {
    title: `Submission ${submission.reference} from ${submission.providerName}`,
    section: 'providers',
    main: submissionMain(
      submission,
      shown,
      mayUse(request, ROUTE_ROLES.answerSubmission),
      form ? undefined : query(request).done,
      request.now,
    ),
    problems: form?.problems ?? [],
  });
}

async function requestsPage(request: PageRequest, form: CaseworkForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.listInformationRequests);
  const providerId = providerIdOf(request);
  const provider = await findProvider(register, providerId);
  const page = await providerInformationRequests(deps, providerId, pageOf(request));
  const shown = mayUse(request, ROUTE_ROLES.createInformationRequest)
    ? (form ?? { formToken: request.session.formToken, form: 'ask' as const, values: {}, problems: [] })
    : null;
  return render(request, status, {
    title: `${provider.name}: information requests`,
    section: 'providers',
    main: informationRequestsMain(
      provider,
      page.items,
      shown,
      form ? undefined : query(request).done,
      page.nextToken,
      londonDate(request.now),
    ),
    problems: form?.problems ?? [],
  });
}

async function informationPage(request: PageRequest, form: CaseworkForm | null, status: number) {
  changeAs(request, ROUTE_ROLES.listInformation);
  const providerId = providerIdOf(request);
  const provider = await findProvider(register, providerId);
  // The API's GET /providers/{id}/information reads the same way: everything since the first day.
  const items = await deps.templates.informationSince(providerId, '0000-01-01');
  return render(request, status, {
    title: `${provider.name}: information held`,
    section: 'providers',
    main: informationMain(
      provider,
      items,
      form ?? { formToken: request.session.formToken, form: 'record', values: {}, problems: [] },
      form ? undefined : query(request).done,
    ),
    problems: form?.problems ?? [],
  });
}

const ASK_FIELDS = ['signal', 'question', 'due-day', 'due-month', 'due-year'] as const;
const RECORD_FIELDS = [
  'kind',
  'occurred-day',
  'occurred-month',
  'occurred-year',
  'source',
  'summary',
  'sensitive',
  'channel',
  'partner-organisation',
  'partner-type',
] as const;

/** Which field of the record form an issue of RecordInformationSchema is about, and what to tell the caseworker. */
function recordProblem(path: readonly PropertyKey[], message: string): Problem {
  const [first, second] = path.map(String);
  if (first === 'kind') return { href: '#kind', text: 'Choose what kind of information it is' };
  if (first === 'occurredOn')
    return { href: '#occurred-day', text: 'Enter the day it happened, from 1 1 2000 to 31 12 2099' };
  if (first === 'source')
    return { href: '#source', text: 'Enter where it came from, on one line (at most 200 characters)' };
  if (first === 'summary')
    return { href: '#summary', text: 'Enter a summary, without control characters (at most 4,000 characters)' };
  if (first === 'channel')
    return message.includes('R-PUB-1')
      ? { href: '#channel', text: 'Choose how the public shared their experience (R-PUB-1)' }
      : {
          href: '#channel',
          text: 'Leave “How they shared it” empty: it is only for an experience shared by the public',
        };
  if (first === 'partner') {
    if (message.includes('R-PTN-1'))
      return { href: '#partner-organisation', text: 'Enter the partner organisation and what kind it is (R-PTN-1)' };
    if (second === 'type') return { href: '#partner-type', text: 'Choose what kind of partner it is (R-PTN-1)' };
    if (second === 'organisation')
      return { href: '#partner-organisation', text: 'Enter the partner’s name on one line (at most 200 characters)' };
    return {
      href: '#partner-organisation',
      text: 'Leave the partner empty: it is only for information from a partner',
    };
  }
  return { href: '#kind', text: `Check the form: ${message}` };
}

export const CASEWORK_PAGES: { get: Record<string, GetPage>; post: Record<string, PostPage> } = {
  get: {
    // GET /providers/{id}/submissions
    workspaceSubmissions: async (request) => {
      changeAs(request, ROUTE_ROLES.listProviderSubmissions);
      const providerId = providerIdOf(request);
      const provider = await findProvider(register, providerId);
      const page = await providerSubmissions(deps, providerId, pageOf(request));
      return render(request, 200, {
        title: `${provider.name}: submissions`,
        section: 'providers',
        main: submissionsMain(provider, page.items, request.now, page.nextToken),
      });
    },
    // GET /submissions/{reference}
    workspaceSubmission: (request) => submissionPage(request, null, 200),
    // GET /providers/{id}/information-requests
    workspaceInformationRequests: (request) => requestsPage(request, null, 200),
    // GET /providers/{id}/information
    workspaceInformation: (request) => informationPage(request, null, 200),
  },
  post: {
    // POST /submissions/{reference}/answer: the contact is emailed the answer (R-PRV-4 clock on the first)
    workspaceAnswerSubmission: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.answerSubmission);
      const reference = referenceOf(request);
      const values = valuesOf(form, ['text']);
      const again = (problems: Problem[], status: number) =>
        submissionPage(request, { formToken: request.session.formToken, form: 'answer', values, problems }, status);
      const parsed = AnswerSubmissionSchema.safeParse(values);
      if (!parsed.success)
        return again(
          [{ href: '#text', text: 'Enter your answer, without control characters (at most 4,000 characters)' }],
          400,
        );
      try {
        await answerSubmission(deps, reference, parsed.data.text, links(request), change);
      } catch (error) {
        const { status, problem } = refusal(error, '#text');
        return again([problem], status);
      }
      return redirect(`${submissionHref(reference)}?done=answered`);
    },
    // POST /submissions/{reference}/close
    workspaceCloseSubmission: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.closeSubmission);
      const reference = referenceOf(request);
      const values = valuesOf(form, ['reason']);
      const again = (problems: Problem[], status: number) =>
        submissionPage(request, { formToken: request.session.formToken, form: 'close', values, problems }, status);
      const parsed = CloseSubmissionSchema.safeParse(values);
      if (!parsed.success)
        return again(
          [{ href: '#reason', text: 'Enter why it can be closed, on one line (at most 1,000 characters)' }],
          400,
        );
      try {
        await closeSubmission(deps, reference, parsed.data.reason, change);
      } catch (error) {
        const { status, problem } = refusal(error, '#reason');
        return again([problem], status);
      }
      return redirect(`${submissionHref(reference)}?done=closed`);
    },
    // POST /providers/{id}/information-requests (R-PRV-5): every contact is emailed the question
    workspaceAskForInformation: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.createInformationRequest);
      const providerId = providerIdOf(request);
      const values = valuesOf(form, ASK_FIELDS);
      const again = (problems: Problem[], status: number) =>
        requestsPage(request, { formToken: request.session.formToken, form: 'ask', values, problems }, status);
      const problems: Problem[] = [];
      if (!['improvement', 'deterioration'].includes(values.signal ?? ''))
        problems.push({
          href: '#signal',
          text: 'Choose whether monitoring suggests an improvement or a deterioration',
        });
      if (!(values.question ?? '').trim()) problems.push({ href: '#question', text: 'Enter your question' });
      const dueOn = dayFromParts(values['due-day'] ?? '', values['due-month'] ?? '', values['due-year'] ?? '');
      if (!dueOn)
        problems.push({ href: '#due-day', text: 'Enter a real date the answer is due by, for example 27 3 2027' });
      if (problems.length > 0) return again(problems, 400);
      const parsed = CreateInformationRequestSchema.safeParse({
        signal: values.signal,
        question: values.question,
        dueOn,
      });
      if (!parsed.success)
        return again(
          [{ href: '#question', text: 'Enter your question without control characters (at most 4,000 characters)' }],
          400,
        );
      try {
        await requestInformation(deps, providerId, parsed.data, links(request), { ...change, newReference });
      } catch (error) {
        // The due date is today or later in London (the use case's check); a provider without contacts is 409.
        if (error instanceof ValidationError && error.details.some((detail) => detail.path === 'body.dueOn'))
          return again(
            [
              {
                href: '#due-day',
                text: `The due date must be today (${dayInWords(londonDate(request.now))}) or later`,
              },
            ],
            400,
          );
        const { status, problem } = refusal(error, '#signal');
        return again([problem], status);
      }
      return redirect(`${workspacePath({ page: 'provider', providerId, tab: 'information-requests' })}?done=asked`);
    },
    // POST /providers/{id}/information
    workspaceRecordInformation: async (request, form) => {
      const change = changeAs(request, ROUTE_ROLES.recordInformation);
      const providerId = providerIdOf(request);
      const values = valuesOf(form, RECORD_FIELDS);
      const again = (problems: Problem[], status: number) =>
        informationPage(request, { formToken: request.session.formToken, form: 'record', values, problems }, status);
      const occurredOn = dayFromParts(
        values['occurred-day'] ?? '',
        values['occurred-month'] ?? '',
        values['occurred-year'] ?? '',
      );
      const organisation = values['partner-organisation'] ?? '';
      const partnerType = values['partner-type'] ?? '';
      const parsed = RecordInformationSchema.safeParse({
        kind: values.kind,
        occurredOn: occurredOn ?? '',
        source: values.source,
        summary: values.summary,
        sensitive: values.sensitive === 'yes',
        ...(values.channel ? { channel: values.channel } : {}),
        ...(organisation.trim() || partnerType ? { partner: { organisation, type: partnerType } } : {}),
      });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => recordProblem(issue.path, issue.message));
        const unique = problems.filter(
          (problem, index) => problems.findIndex((other) => other.href === problem.href) === index,
        );
        return again(unique, 400);
      }
      try {
        await recordInformation(deps, providerId, parsed.data, change);
      } catch (error) {
        const { status, problem } = refusal(error, '#kind');
        return again([problem], status);
      }
      return redirect(`${workspacePath({ page: 'provider', providerId, tab: 'information' })}?done=recorded`);
    },
  },
};
