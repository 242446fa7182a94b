import { inject } from 'vitest';

// Before any test file imports a handler: point the SDK at the run's local services, as the
// stack's environment does in AWS (handlers read it once, at import).
Object.assign(process.env, inject('localEnvironment'));
