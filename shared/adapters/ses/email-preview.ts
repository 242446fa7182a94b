import { TestRenderEmailTemplateCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { type EmailTemplateName, physicalTemplateName } from '../../definitions/email-templates.ts';
import { sesClient } from './client.ts';
import { parseRenderedEmail, type RenderedEmail } from './rendered-email.ts';
import { type TemplateValues, templateData } from './template-data.ts';

/**
 * An email as SES would render it, sending nothing (issue 15: the template page's preview). The stage's
 * stored template and the same TemplateData the mailer sends (templateData: the `html.*` copy escaped), so
 * the preview is the share's own rendering, not a second copy of it. SES renders at most one a second for the
 * account ("You can execute this operation no more than once per second":
 * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_TestRenderEmailTemplate.html): a refusal for that
 * (TooManyRequestsException) answers null, so the page says to reload rather than failing.
 */
export type RenderEmail = (template: EmailTemplateName, values: TemplateValues) => Promise<RenderedEmail | null>;

export const sesEmailPreview =
  (stage: string): RenderEmail =>
  async (template, values) => {
    try {
      const answer = await sesClient.send(
        new TestRenderEmailTemplateCommand({
          TemplateName: physicalTemplateName(stage, template),
          TemplateData: templateData(values),
        }),
      );
      return parseRenderedEmail(answer.RenderedTemplate ?? '');
    } catch (error) {
      if (error instanceof TooManyRequestsException) return null;
      throw error;
    }
  };
