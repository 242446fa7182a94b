import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/config/env.ts';
import { linkKeyFromEnvironment } from '../../shared/config/link-key.ts';

/**
 * The link key is read once per container (shared/config/link-key.ts): the cold start's read, page tokens'
 * first use and a dry run's job runner share it, rather than each making its own Secrets Manager round trip.
 */
describe('the link key', () => {
  const local = (byte: number) => ({ LINK_SIGNING_KEY: Buffer.alloc(32, byte).toString('base64') });

  it('is read once for a setting: every caller is handed the same key', async () => {
    const [first, second] = await Promise.all([linkKeyFromEnvironment(local(3)), linkKeyFromEnvironment(local(3))]);

    expect(second).toBe(first);
    expect(await linkKeyFromEnvironment(local(3))).toBe(first);
  });

  it('is read again when the setting changes', async () => {
    const one = await linkKeyFromEnvironment(local(4));
    const other = await linkKeyFromEnvironment(local(5));

    expect(other).not.toBe(one);
    expect(other.equals(Buffer.alloc(32, 5))).toBe(true);
  });

  it('keeps refusing a key too short, each time it is asked', async () => {
    const short = { LINK_SIGNING_KEY: Buffer.alloc(8, 1).toString('base64') };

    await expect(linkKeyFromEnvironment(short)).rejects.toThrow(ConfigurationError);
    await expect(linkKeyFromEnvironment(short)).rejects.toThrow(ConfigurationError);
  });
});
