import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import type { SendingPace } from '../../use-cases/deliver-emails.ts';
import { sesClient } from './client.ts';

/**
 * Paces sends to the account's maximum send rate (recipients a second, from SES GetAccount, read
 * once per container): a token bucket that holds one second's worth, so a run never bursts past
 * what SES allows and is throttled less. Throttling that happens anyway is retried with backoff.
 */
export class TokenBucketPace implements SendingPace {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
  ) {
    this.tokens = perSecond;
    this.last = clock.now();
  }

  async take(count: number): Promise<void> {
    let wanted = count;
    while (wanted > 0) {
      const now = this.clock.now();
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      const taken = Math.min(wanted, Math.floor(this.tokens));
      this.tokens -= taken;
      wanted -= taken;
      if (wanted > 0) await this.clock.sleep(Math.ceil((Math.min(wanted, this.perSecond) / this.perSecond) * 1000));
    }
  }
}

/** When GetAccount cannot say, SES's own floor for a production account. */
const FALLBACK_RATE = 1;
let accountPace: Promise<SendingPace> | undefined;

export function sesSendingPace(): Promise<SendingPace> {
  accountPace ??= sesClient
    .send(new GetAccountCommand({}))
    .then((account) => new TokenBucketPace(Math.max(FALLBACK_RATE, Math.floor(account.SendQuota?.MaxSendRate ?? 0))))
    .catch(() => {
      accountPace = undefined;
      return new TokenBucketPace(FALLBACK_RATE);
    });
  return accountPace;
}
