import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';

/**
 * The workspace's static assets, served by its function under /assets/workspace/ with a hash of the
 * content in each name, so they can be cached for a year (`immutable`) and a new release is a new name.
 *
 * The stylesheet is govuk-frontend's and MOJ Frontend's, with GDS Transport taken out: that typeface is
 * licensed for GOV.UK services only (https://design-system.service.gov.uk/styles/font-override-classes/ —
 * "if your service is not on GOV.UK, you must not use GDS Transport"), so the workspace uses the system
 * font stack the Design System recommends for services off GOV.UK, and no font files are served.
 */
const SYSTEM_FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",arial,sans-serif';

/** Beside the bundle in Lambda (copied at bundling: shared/definitions/functions.ts), from node_modules locally. */
function packageFile(modulePath: string): string {
  try {
    return readFileSync(new URL(`./${basename(modulePath)}`, import.meta.url), 'utf8');
  } catch {
    return readFileSync(createRequire(import.meta.url).resolve(modulePath), 'utf8');
  }
}

export const withoutGdsTransport = (css: string): string =>
  css
    .replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '')
    .replace(/font-family:GDS Transport,arial,sans-serif/g, `font-family:${SYSTEM_FONTS}`)
    .replace(/font-family:GDS Transport/g, `font-family:${SYSTEM_FONTS}`);

/** The workspace's own few rules: wide tables scroll in their region (components.ts regionTable), words wrap. */
const WORKSPACE_CSS =
  '.app-table-region{overflow-x:auto;max-width:100%;margin-bottom:20px}.app-table-region:focus{outline:3px solid #fd0}' +
  '.app-table-region .govuk-table{margin-bottom:0}.govuk-main-wrapper{overflow-wrap:anywhere}';

export interface Asset {
  name: string;
  contentType: string;
  body: string;
}

const hashed = (stem: string, extension: string, body: string) =>
  `${stem}-${createHash('sha256').update(body).digest('hex').slice(0, 12)}.${extension}`;

function buildAssets() {
  const css = withoutGdsTransport(
    `${packageFile('govuk-frontend/dist/govuk/govuk-frontend.min.css')}\n${packageFile('@ministryofjustice/frontend/moj/moj-frontend.min.css')}\n${WORKSPACE_CSS}`,
  );
  const govukJs = packageFile('govuk-frontend/dist/govuk/govuk-frontend.min.js');
  // MOJ Frontend's components (sortable table, button menu), initialised after GOV.UK Frontend's.
  const mojJs = packageFile('@ministryofjustice/frontend/moj/moj-frontend.min.js');
  const stylesheet = { name: hashed('workspace', 'css', css), contentType: 'text/css; charset=utf-8', body: css };
  const library = {
    name: hashed('govuk-frontend', 'mjs', govukJs),
    contentType: 'text/javascript; charset=utf-8',
    body: govukJs,
  };
  const moj = {
    name: hashed('moj-frontend', 'mjs', mojJs),
    contentType: 'text/javascript; charset=utf-8',
    body: mojJs,
  };
  // JavaScript is an enhancement: every page works without it. With it, the components' own behaviour.
  const initBody = `import { initAll } from './${library.name}';\nimport { initAll as initMoj } from './${moj.name}';\ndocument.body.classList.add('govuk-frontend-supported');\ninitAll();\ninitMoj();\n`;
  const init = { name: hashed('init', 'mjs', initBody), contentType: 'text/javascript; charset=utf-8', body: initBody };
  return { stylesheet, library, moj, init };
}

let built: ReturnType<typeof buildAssets> | undefined;
export const workspaceAssets = () => {
  built ??= buildAssets();
  return built;
};

export const ASSET_PREFIX = '/assets/workspace/';

export function findAsset(name: string): Asset | null {
  const assets = workspaceAssets();
  return [assets.stylesheet, assets.library, assets.moj, assets.init].find((asset) => asset.name === name) ?? null;
}
