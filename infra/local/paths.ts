import { fileURLToPath } from 'node:url';

/** The repository root and the git-ignored cache the local stack keeps its downloads and keys in. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cacheDir = fileURLToPath(new URL('../../.cache', import.meta.url));
