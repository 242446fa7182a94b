import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/config/env.ts';
import { FUNCTIONS } from '../../shared/definitions/functions.ts';
import {
  logicalIdOf,
  mentions,
  resourceOf,
  resourcesOfType,
  statementsOfRole,
  synthesizedForThisFile,
} from './app-under-test.ts';

const synthesized = synthesizedForThisFile();

const definitions = Object.values(FUNCTIONS);
const fnResource = (id: keyof typeof FUNCTIONS) =>
  resourceOf(synthesized.statelessTemplate, logicalIdOf(synthesized.stateless.functions[id].function));
const roleId = (id: keyof typeof FUNCTIONS) => {
  const role = synthesized.stateless.functions[id].function.role;
  if (!role) throw new Error(`no role for ${id}`);
  return logicalIdOf(role);
};

describe('the provider link key (R-TPL-2)', () => {
  it('is a generated secret kept in the stateful stack, retained when the stack goes', () => {
    const secrets = resourcesOfType(synthesized.statefulTemplate, 'AWS::SecretsManager::Secret');

    expect(Object.values(secrets)).toHaveLength(1);
    const [secret] = Object.values(secrets);
    expect(secret?.DeletionPolicy).toBe('Retain');
    expect(secret?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
  });

  it.each(definitions.map((definition) => [definition.id, Boolean(definition.signsLinks)] as const))(
    'the %s function may read the key (and has its ARN) only if it signs links: %s',
    (id, signs) => {
      const variables = (fnResource(id).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      const reads = statementsOfRole(synthesized.statelessTemplate, roleId(id)).filter((statement) =>
        mentions(statement.actions, 'secretsmanager:GetSecretValue'),
      );

      expect(ENV.linkSigningKeySecretArn in variables).toBe(signs);
      expect(ENV.linkSigningKey in variables).toBe(false);
      expect(reads.length > 0).toBe(signs);
      for (const statement of reads) expect(mentions(statement.resources, '*')).toBe(false);
    },
  );
});

describe('files bundled beside a function', () => {
  it.each(
    definitions
      .filter((definition) => definition.bundledFiles?.length)
      .map((definition) => [definition.id, definition] as const),
  )('the %s function’s asset holds each of its files next to index.mjs', (id, definition) => {
    const { S3Key } = fnResource(id).Properties.Code as { S3Key: string };
    const assetDir = join(synthesized.outdir, `asset.${S3Key.replace(/\.zip$/, '')}`);

    expect(existsSync(join(assetDir, 'index.mjs'))).toBe(true);
    for (const file of definition.bundledFiles ?? []) {
      expect(existsSync(join(assetDir, file.split('/').pop() ?? file))).toBe(true);
    }
  });
});
