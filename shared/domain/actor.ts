/**
 * Who made a change. Every write carries one, so every audit entry can say who and when.
 */
export type Actor =
  | { type: 'staff'; id: string; roles: readonly string[] }
  | { type: 'provider-contact'; id: string; providerId: string }
  | { type: 'schedule'; id: string }
  | { type: 'system'; id: string };

export const describeActor = (actor: Actor): string => `${actor.type}:${actor.id}`;
