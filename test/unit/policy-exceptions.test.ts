import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../shared/config/env.ts';
import { planningFromEnvironment, policyFromEnvironment } from '../../shared/config/policy.ts';
import { ROUTE } from '../../shared/definitions/routes.ts';
import type { Actor } from '../../shared/domain/actor.ts';
import { ForbiddenError, RuleViolation } from '../../shared/domain/errors.ts';
import { applicableMeetings } from '../../shared/domain/policy/engine.ts';
import { decideDepartures, EXCEPTION_ROLES } from '../../shared/domain/policy/exceptions.ts';

const allocator: Actor = { type: 'staff', id: 'm-1', roles: ['operations-manager'] };
const assessor: Actor = { type: 'staff', id: 'a-1', roles: ['assessor'] };
const noExecutive = {
  ruleId: 'R-CAD-4',
  message: "This meeting needs the provider's executive-board-member to attend",
};

describe('deciding on a booking’s departures from its rule (R-EXC-1)', () => {
  it('has nothing to decide when the booking keeps to the rule', () => {
    expect(decideDepartures([], undefined, assessor)).toBeNull();
  });

  it('refuses a departure from a default rule without a reason, naming the rule and the field to give', () => {
    const act = () => decideDepartures([noExecutive], undefined, allocator);

    expect(act).toThrow(RuleViolation);
    expect(act).toThrow(/give an exceptionReason \(R-EXC-1\) \(R-CAD-4\)/);
  });

  it.each(['R-CAD-1', 'R-CAD-2', 'R-CAD-4', 'R-CAD-5'])(
    'accepts a departure from %s with a reason from someone who allocates',
    (ruleId) => {
      const exception = decideDepartures([{ ruleId, message: 'x' }], 'Board in recess', allocator);

      expect(exception).toEqual({ ruleId, reason: 'Board in recess' });
    },
  );

  it('refuses (403) a reason from someone who does not allocate relationships', () => {
    expect(() => decideDepartures([noExecutive], 'Fine by me', assessor)).toThrow(ForbiddenError);
  });

  it.each(['R-CAD-3', 'R-CAD-6', 'R-CAD-7'])(
    'refuses a departure from %s whatever the reason: not a default',
    (ruleId) => {
      const act = () => decideDepartures([noExecutive, { ruleId, message: 'wrong lead' }], 'Good reason', allocator);

      expect(act).toThrow(new RegExp(`\\(${ruleId}\\)$`));
    },
  );

  it('lets exactly the roles that allocate relationships give exceptions', () => {
    expect([...EXCEPTION_ROLES].sort()).toEqual([...ROUTE.allocateRelationshipHolder.roles].sort());
    expect([...EXCEPTION_ROLES].sort()).toEqual([...ROUTE.allocateCorporateLead.roles].sort());
  });
});

describe('the policy configuration read at cold start', () => {
  it('reads a sector → versions map from POLICY_SECTOR_VERSIONS, keeping the sectors it leaves out', () => {
    const policy = policyFromEnvironment({ POLICY_SECTOR_VERSIONS: '{"nhs-trust": ["assessment-framework-2023"]}' });

    expect(applicableMeetings(policy, 'nhs-trust', '2025-06-01', 'provider').map((m) => m.requirement.ruleId)).toEqual([
      'R-CAD-4',
      'R-CAD-6',
    ]);
    expect(applicableMeetings(policy, 'community-interest-company', '2025-06-01', 'provider')).toHaveLength(1);
  });

  it.each([
    ['not json', /is not JSON/],
    ['{"nhs-trust": "nhs-trusts-2020"}', /must map sectors to lists of policy ids/],
    ['{"dentists": []}', /must map sectors to lists of policy ids/],
    ['{"nhs-trust": ["nhs-trusts-2021"]}', /nhs-trusts-2021/],
  ])('stops loudly on POLICY_SECTOR_VERSIONS=%s', (raw, message) => {
    const act = () => policyFromEnvironment({ POLICY_SECTOR_VERSIONS: raw });

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(message);
  });

  it.each([
    '{"assessment-framework-2023": "2024-02-30"}',
    '{"assessment-framework-2023": "1 April 2024"}',
    '{"assessment-framework-2023": 20240401}',
    '["assessment-framework-2023", "2024-04-01"]',
    'null',
  ])('stops loudly on POLICY_EFFECTIVE_FROM=%s', (raw) => {
    const act = () => policyFromEnvironment({ POLICY_EFFECTIVE_FROM: raw });

    expect(act).toThrow(ConfigurationError);
    expect(act).toThrow(/must map policy ids to YYYY-MM-DD dates/);
  });

  it('still moves a version’s date with POLICY_EFFECTIVE_FROM', () => {
    const policy = policyFromEnvironment({ POLICY_EFFECTIVE_FROM: '{"assessment-framework-2023": "2024-04-01"}' });

    expect(policy.find((version) => version.policyId === 'assessment-framework-2023')?.effectiveFrom).toBe(
      '2024-04-01',
    );
  });
});

describe('the planning settings read at cold start (R-CAD-7, R-CAD-5)', () => {
  it('defaults to 90 days and the third quarter of the business year', () => {
    expect(planningFromEnvironment({})).toEqual({ riskMeetingWithinDays: 90, designatedQuarter: 3 });
  });

  it('reads PLANNING_SETTINGS', () => {
    expect(planningFromEnvironment({ PLANNING_SETTINGS: '{"riskMeetingWithinDays": 30}' })).toEqual({
      riskMeetingWithinDays: 30,
      designatedQuarter: 3,
    });
  });

  it.each([
    '{"riskMeetingWithinDays": 0}',
    '{"riskMeetingWithinDays": 367}',
    '{"riskMeetingWithinDays": 1.5}',
    '{"riskMeetingWithinDays": "30"}',
    '{"designatedQuarter": 5}',
    '{"designatedQuarter": null}',
    '{"days": 3}',
    '[30, 3]',
    'null',
    'ninety',
  ])('stops loudly on PLANNING_SETTINGS=%s', (raw) => {
    expect(() => planningFromEnvironment({ PLANNING_SETTINGS: raw })).toThrow(ConfigurationError);
  });
});
