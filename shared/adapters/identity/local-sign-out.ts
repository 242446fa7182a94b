/**
 * The local stack's stand-in for Cognito's AdminUserGlobalSignOut (issue 15). The local issuer
 * (infra/local/local-issuer.ts) runs in the same Node process as the local functions, so it listens here
 * and forgets every refresh token it issued to the member signed out; nothing listens in AWS.
 */
type Listener = (staffId: string) => void;
const listeners = new Set<Listener>();

/** Returns a function that stops listening (a test's local API closes with it). */
export function onSignOutEverywhere(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function signOutEverywhereLocally(staffId: string): void {
  for (const listener of listeners) listener(staffId);
}
