import { describe, expect, it } from 'vitest';
import { TokenBucketPace } from '../../shared/adapters/ses/sending-pace.ts';
import {
  allDelivered,
  type BulkMailer,
  type BulkResult,
  backoffMs,
  type ClaimOutcome,
  type DeliveryKey,
  type DeliveryLedger,
  deliverEmails,
  isRetryable,
  type OutgoingEmail,
} from '../../shared/use-cases/deliver-emails.ts';

/**
 * The delivery rules on in-memory ports (the DynamoDB and SES behaviour is proved in
 * test/integration/daily-run.test.ts): batching, retry decisions, deferral when time runs out.
 */
class MemoryLedger implements DeliveryLedger {
  readonly records = new Map<string, { state: 'sending' | 'sent' | 'failed'; runId: string; reason?: string }>();
  async claim(key: DeliveryKey, claim: { runId: string }): Promise<ClaimOutcome> {
    const found = this.records.get(key.sk);
    if (found) return found.state === 'sending' ? 'in-flight' : found.state;
    this.records.set(key.sk, { state: 'sending', runId: claim.runId });
    return 'claimed';
  }
  async markSent(key: DeliveryKey, sent: { runId: string }): Promise<void> {
    this.records.set(key.sk, { state: 'sent', runId: sent.runId });
  }
  async markFailed(key: DeliveryKey, failure: { reason: string }): Promise<void> {
    this.records.set(key.sk, { state: 'failed', runId: 'R', reason: failure.reason });
  }
  async release(key: DeliveryKey): Promise<void> {
    this.records.delete(key.sk);
  }
}

const emails = (count: number): OutgoingEmail[] =>
  Array.from({ length: count }, (_, index) => ({
    key: { pk: 'P', sk: `E${index}` },
    template: 'meeting-reminder',
    to: { name: `N${index}`, email: `n${index}@example.test` },
    data: {},
    tags: {},
  }));

function mailer(answer: (call: number, size: number) => BulkResult[] | Error) {
  const sizes: number[] = [];
  const bulk: BulkMailer = {
    sendBulk: async (_template, entries) => {
      sizes.push(entries.length);
      const result = answer(sizes.length, entries.length);
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { bulk, sizes };
}

const ok = (size: number): BulkResult[] =>
  Array.from({ length: size }, (_, i) => ({ status: 'sent', messageId: `m${i}` }));

function run(
  bulk: BulkMailer,
  list: OutgoingEmail[],
  options: { timeLeft?: () => number; suppressed?: string[] } = {},
) {
  const ledger = new MemoryLedger();
  const waits: number[] = [];
  return {
    ledger,
    waits,
    report: deliverEmails(
      {
        ledger,
        mailer: bulk,
        suppression: { suppressed: async () => new Set(options.suppressed ?? []) },
        pace: { take: async () => undefined },
      },
      list,
      {
        runId: 'R',
        now: () => new Date('2027-01-01T07:00:00Z'),
        timeLeft: options.timeLeft ?? (() => 1_000),
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    ),
  };
}

describe('delivering a day’s emails', () => {
  it('sends 120 recipients in three bulk calls of at most 50 (SES v2 SendBulkEmail limit)', async () => {
    const { bulk, sizes } = mailer((_, size) => ok(size));

    const report = await run(bulk, emails(120)).report;

    expect(sizes).toEqual([50, 50, 20]);
    expect(report.sent).toBe(120);
  });

  it('retries a throttled call with growing waits, then sends', async () => {
    const throttled = Object.assign(new Error('slow down'), { name: 'TooManyRequestsException' });
    const { bulk } = mailer((call, size) => (call <= 3 ? throttled : ok(size)));

    const { report, waits } = run(bulk, emails(3));

    expect((await report).sent).toBe(3);
    expect((await report).retries).toBe(3);
    expect(waits).toHaveLength(3);
  });

  it('does not retry within the run what SES refuses for now (a paused account), and gives the claim back for the next run', async () => {
    const { bulk, sizes } = mailer((_, size) =>
      Array.from({ length: size }, (): BulkResult => ({ status: 'failed', reason: 'ACCOUNT_SENDING_PAUSED' })),
    );

    const { report, ledger } = run(bulk, emails(2));

    expect((await report).failed).toBe(2);
    expect(sizes).toEqual([2]);
    expect(ledger.records.size).toBe(0);
  });

  it('records what SES refuses for good (MESSAGE_REJECTED) as failed, not sent, and never sends it again', async () => {
    const { bulk, sizes } = mailer((_, size) =>
      Array.from({ length: size }, (): BulkResult => ({ status: 'rejected', reason: 'MESSAGE_REJECTED' })),
    );
    const list = emails(2);

    const { report, ledger } = run(bulk, list);
    const first = await report;
    const again = await deliverEmails(
      {
        ledger,
        mailer: bulk,
        suppression: { suppressed: async () => new Set() },
        pace: { take: async () => undefined },
      },
      list,
      { runId: 'R2', now: () => new Date('2027-01-02T07:00:00Z'), timeLeft: () => 1_000, sleep: async () => undefined },
    );

    expect(first).toMatchObject({ sent: 0, rejected: 2 });
    expect([...ledger.records.values()].map((record) => record.state)).toEqual(['failed', 'failed']);
    expect(again).toMatchObject({ sent: 0, alreadyFailed: 2, bulkCalls: 0 });
    expect(allDelivered(list, again)).toBe(true);
    expect(sizes).toEqual([2]);
  });

  it('leaves unsent what it has no time for, unclaimed, for the next run', async () => {
    const { bulk } = mailer((_, size) => ok(size));
    let batches = 0;

    const { report, ledger } = run(bulk, emails(120), { timeLeft: () => (batches++ < 1 ? 1_000 : 0) });

    expect((await report).sent).toBe(50);
    expect((await report).deferred).toBe(70);
    expect(ledger.records.size).toBe(50);
  });

  it('sends nothing to a suppressed address, whatever its case', async () => {
    const { bulk, sizes } = mailer((_, size) => ok(size));
    const list = emails(2);
    if (list[0]) list[0].to.email = 'N0@Example.TEST';

    const report = await run(bulk, list, { suppressed: ['n0@example.test'] }).report;

    expect(report.suppressed).toBe(1);
    expect(sizes).toEqual([1]);
  });
});

describe('which failures are worth another try', () => {
  it.each([
    ['TooManyRequestsException', true],
    ['LimitExceededException', true],
    ['ThrottlingException', true],
    ['BadRequestException', false],
    ['NotFoundException', false],
  ])('%s: %s', (name, retry) => {
    expect(isRetryable(Object.assign(new Error('x'), { name }))).toBe(retry);
  });

  it('waits at most 10 s, with jitter below the exponential cap', () => {
    expect(backoffMs(1, () => 1)).toBe(200);
    expect(backoffMs(3, () => 0.5)).toBe(400);
    expect(backoffMs(30, () => 1)).toBe(10_000);
  });
});

describe('pacing to the account’s sending rate', () => {
  it('lets one second’s worth through at once, then waits for the bucket to refill', async () => {
    let now = 0;
    const waits: number[] = [];
    const pace = new TokenBucketPace(14, {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });

    await pace.take(14);
    await pace.take(28);

    expect(waits.reduce((total, ms) => total + ms, 0)).toBeGreaterThanOrEqual(2000);
    expect(now).toBeLessThanOrEqual(2100);
  });
});
