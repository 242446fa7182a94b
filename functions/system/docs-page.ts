import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SYSTEM_ROUTE as ROUTE } from '../../shared/definitions/routes/system.ts';

/**
 * The API reference page: Redoc's standalone bundle, served from this API as our own asset, renders
 * /openapi.json in the browser. No inline script (the bundle finds the <redoc spec-url> element
 * itself) and nothing from another origin.
 */
const SCRIPT_FILE = 'redoc.standalone.js';

/**
 * Only our own script and the document. Redoc's styled-components inject <style> elements, so
 * styles need 'unsafe-inline' (styles, never scripts); its search index runs in a worker it makes
 * from a blob: URL; its icons are data: images.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  'worker-src blob:',
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Provider Engagement API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<link rel="icon" href="data:,">
</head>
<body>
<redoc spec-url="${ROUTE.getOpenApi.path}" expand-responses="200,201" path-in-middle-panel="true"></redoc>
<script src="${ROUTE.getDocsScript.path}"></script>
</body>
</html>
`;

export const docsPage = (): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: {
    ...SECURITY_HEADERS,
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': DOCS_CSP,
    'x-frame-options': 'DENY',
    'cache-control': 'no-cache',
  },
  body: PAGE,
});

/** Beside the bundle in Lambda (copied at bundling, see FUNCTIONS.system.bundledFiles), from node_modules locally. */
function readScript(): Buffer {
  try {
    return readFileSync(new URL(`./${SCRIPT_FILE}`, import.meta.url));
  } catch {
    return readFileSync(createRequire(import.meta.url).resolve(`redoc/bundles/${SCRIPT_FILE}`));
  }
}

let script: { plain: Buffer; gzipped: Buffer } | undefined;

/** Read and compressed on first request: 1.1 MB plain, about a third of that gzipped. */
export function docsScript(acceptEncoding: string | undefined): APIGatewayProxyStructuredResultV2 {
  if (!script) {
    const plain = readScript();
    script = { plain, gzipped: gzipSync(plain) };
  }
  const gzip = /\bgzip\b/i.test(acceptEncoding ?? '');
  return {
    statusCode: 200,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=86400',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    body: (gzip ? script.gzipped : script.plain).toString('base64'),
    isBase64Encoded: true,
  };
}
