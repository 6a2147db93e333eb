// blameless-language.md Appendix A as data: the should-flag fixtures produce a language finding whose
// category (or a category named in it) is one the research expects; the must-not-flag fixtures stay quiet.
import { describe, expect, it } from 'vitest';
import type { ExampleCase } from '../../server/src/engine/language/index';
import { lintExample, ruleIdsOf } from './helpers/language';

interface ShouldFlag extends ExampleCase {
  /** Acceptable rule ids: the finding's own rule or one named in it must be among these. */
  expect: string[];
  /** Minimum severity of the sentence's diagnostic. */
  min?: 'hint' | 'info' | 'warning';
}

const SHOULD_FLAG: ShouldFlag[] = [
  {
    text: 'Root cause: dana@ ignored the setup tooling and re-ran the workflow by hand.',
    expect: ['root-cause', 'omission'],
    min: 'warning',
  },
  { text: 'Out of careless ignorance, the rack was sent to disk erase.', expect: ['judgement'], min: 'warning' },
  { text: 'Nobody on the team ever wrote this down, which is ridiculous.', expect: ['emotive', 'omission'], min: 'warning' },
  { text: 'The on-call reacted too late, and not for the first time the on-call failed to respond.', expect: ['omission'], min: 'warning' },
  { text: "Can't believe we got through that one!!!", expect: ['emotive'], min: 'warning' },
  { text: 'Make the tooling better.', section: 'action-items', expect: ['vague-remediation'], min: 'warning' },
  { text: 'Improve alerting and paging.', section: 'action-items', expect: ['vague-remediation'], min: 'warning' },
  { text: 'sam@ needs to learn the correct handoff protocol.', expect: ['vague-remediation'], min: 'warning' },
  { text: 'Teach people not to run dangerous commands.', expect: ['vague-remediation'], min: 'warning' },
  { text: 'The pilots did not start a go-around until they were under 100 ft.', expect: ['omission'], min: 'warning' },
  {
    text: 'Had the instructor supervised the trainees in service, he would probably have stepped in.',
    expect: ['counterfactual'],
    min: 'warning',
  },
  {
    text: '14:02 Engineer K carelessly pushes 5.2 to prod. 14:29 K finally notices the page.',
    timeline: true,
    expect: ['judgement', 'hindsight'],
    min: 'warning',
  },
  {
    text: 'Root cause: human error — the engineer was rushing. Fix: ask the team to slow down.',
    expect: ['root-cause', 'human-error', 'judgement', 'vague-remediation'],
    min: 'warning',
  },
  { text: 'The engineer should have known the table had grown to 47M rows.', expect: ['hindsight'], min: 'warning' },
  { text: 'Obviously the canary should have caught this.', expect: ['hindsight'], min: 'info' },
  { text: 'All the pieces were there; the on-call just had to connect the dots.', expect: ['hindsight'], min: 'warning' },
];

const MUST_NOT_FLAG: ExampleCase[] = [
  { text: 'The inventory service did not reject the request that lacked a host filter.' },
  { text: 'The erase job is not rate-limited.' },
  { text: 'The health check failed to detect the stuck worker.' },
  { text: '`Failed to connect to db-3:5432`' },
  { text: 'We adopted a Just Culture policy in 2021.' },
  { text: 'Config is fetched just-in-time; the alert fired just before 14:00.' },
  { text: 'Reads are eventually consistent.' },
  { text: 'We moved the payload to Amazon Simple Queue Service.' },
  { text: 'The store uses a Dynamo-style sloppy quorum; images use lazy loading.' },
  { text: '`naive` datetimes were compared with aware ones.' },
  { text: 'TCP silly window syndrome was ruled out.' },
  { text: '`git blame` shows the line dates from 2019.' },
  { text: 'We run fault injection weekly; error budget remaining: 12%.' },
  { text: 'The SLO violation lasted 14 minutes.' },
  { text: 'Latency had a standard deviation of 40 ms.' },
  { text: 'The disaster recovery drill had not covered this region.' },
  { text: 'The kernel panic loop began at 03:12.' },
  { text: "The model's training data lacked the new schema." },
  { text: 'If only one replica is healthy, writes are rejected.' },
  { text: 'The cause was not obvious from the dashboard.' },
  { text: 'The two buttons are easy to confuse.' },
  { text: 'No one is to blame; there was no alerting on queue depth.' },
  { text: 'Where we got lucky: the backlog could have caused data loss.' },
  { text: 'The backlog could have caused data loss.', section: 'where-we-got-lucky' },
  {
    text: 'Action: the payments service should have an alert on refund failures (owner @raj, PAY-12, due 2025-07-10).',
    section: 'action-items',
  },
  { text: 'The on-call was unaware that the flag defaulted to on.' },
  { text: 'Ensure failover to the core region does not saturate egress links — P2 — @riley — NET-1240.', section: 'action-items' },
  { text: 'The circuit breaker worked as designed and shed load.' },
  { text: 'Deployed without downtime; the team worked around the bug by pinning v2.3.' },
  { text: 'Requests without an Authorization header returned 401 Unauthorized.' },
  { text: 'The attacker failed to escalate privileges.' },
  { text: '`try { … } finally { … }`' },
  { text: 'The attacker carelessly left a backdoor in the CI config.' },
  { text: '> the on-call should have rolled back — from the chat', section: 'appendix' },
];

const RANK = { hint: 0, info: 1, warning: 2, error: 3 } as const;

describe('Appendix A: should flag', () => {
  for (const c of SHOULD_FLAG) {
    it(c.text, () => {
      const findings = lintExample(c);
      expect(findings.length).toBeGreaterThan(0);
      const named = findings.flatMap(ruleIdsOf);
      expect(named.some((id) => c.expect.includes(id))).toBe(true);
      for (const f of findings) expect(c.expect.some((id) => ruleIdsOf(f).includes(id))).toBe(true);
      if (c.min) expect(Math.max(...findings.map((f) => RANK[f.severity]))).toBeGreaterThanOrEqual(RANK[c.min]);
    });
  }
});

describe('Appendix A: must not flag', () => {
  for (const c of MUST_NOT_FLAG) {
    it(c.text, () => {
      expect(lintExample(c).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    });
  }
});
