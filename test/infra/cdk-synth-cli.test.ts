import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTION_IDS } from '../../shared/definitions/functions.ts';
import { cdkJsonContext, REPO_ROOT, removeAssembly } from './app-under-test.ts';

interface TemplateJson {
  Resources: Record<string, { Type: string; Metadata?: Record<string, unknown> }>;
}

describe('npm run synth', () => {
  it('synthesizes both stacks offline through the CDK CLI, each function bundled as index.mjs', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'provider-engagement-cli-'));

    const result = spawnSync('npm', ['run', 'synth', '--', '-o', outdir], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 110_000,
    });

    expect(result.status, result.stderr).toBe(0);
    const prefix = `ProviderEngagement-${String(cdkJsonContext().stage)}`;
    expect(existsSync(join(outdir, `${prefix}-Stateful.template.json`))).toBe(true);
    const stateless: TemplateJson = JSON.parse(readFileSync(join(outdir, `${prefix}-Stateless.template.json`), 'utf8'));
    const assetPaths = Object.values(stateless.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => String(resource.Metadata?.['aws:asset:path']));
    expect(assetPaths).toHaveLength(FUNCTION_IDS.length);
    for (const assetPath of assetPaths) expect(existsSync(join(outdir, assetPath, 'index.mjs')), assetPath).toBe(true);
    removeAssembly(outdir);
  });
});
