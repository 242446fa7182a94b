import { TestRenderEmailTemplateCommand } from '@aws-sdk/client-sesv2';
import { type EmailTemplateName, physicalTemplateName } from '../../definitions/email-templates.ts';
import { sesClient } from './client.ts';
import { parseRenderedEmail, type RenderedEmail } from './rendered-email.ts';
import { type TemplateValues, templateData } from './template-data.ts';

/**
 * An email as SES would render it, sending nothing (issue 15: the template page's preview). The stage's
 * stored template and the same TemplateData the mailer sends (templateData: the `html.*` copy escaped), so
 * the preview is the share's own rendering, not a second copy of it.
 * https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_TestRenderEmailTemplate.html
 */
export type RenderEmail = (template: EmailTemplateName, values: TemplateValues) => Promise<RenderedEmail>;

export const sesEmailPreview =
  (stage: string): RenderEmail =>
  async (template, values) => {
    const answer = await sesClient.send(
      new TestRenderEmailTemplateCommand({
        TemplateName: physicalTemplateName(stage, template),
        TemplateData: templateData(values),
      }),
    );
    return parseRenderedEmail(answer.RenderedTemplate ?? '');
  };
