// Decision points and review timeliness (issue 18): which timeline entries are a person's decision or act, which are the system's, and
// whether each says what the responder had then. Sentences of our own, in several wordings; the layouts are in
// test/fixtures/timeline/decision-context-*.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, lintDocument } from '../../server/src/engine/index';
import { decisionPoints, decisionVerb } from '../../server/src/engine/language/decisions';

const verbOf = (s: string, people: string[] = []) => {
  const v = decisionVerb(s, new Set(people.map((p) => p.toLowerCase())));
  return v && s.slice(v.start, v.end);
};

describe('decision points', () => {
  it.each([
    ['The on-call acknowledges the page', 'acknowledges'],
    ['On-call suspects the new index', 'suspects'],
    ['the SRE kills the long-running query', 'kills'],
    ['We fail over to the secondary region', 'fail over'],
    ['we decided not to roll back yet', 'decided'],
    ['Incident commander escalates to the network team', 'escalates'],
    ['infra team reverts the registration change', 'reverts'],
    ['@kim pages the database team', 'pages'],
    ['Rolled back the deploy', 'Rolled back'],
    ['Restarted all API pods', 'Restarted'],
    ['Pages the storage on-call', 'Pages'],
    ['The team opens a bridge, then restarts the scheduler', 'restarts'],
    ['The DBA is restarting the replica', 'restarting'],
    ['Priya increases the connection limit', 'increases', ['Priya']],
    ['They turn off the feature flag for all tenants', 'turn off'],
    ['The primary engineer re-deploys the hub', 're-deploys'],
    ['The SRE re-runs the backfill job', 're-runs'],
    ['The cleanup job is blocking the deploy, the on-call kills it', 'kills'],
    ['Error budget exhausted; we decide to freeze deploys', 'decide'],
  ])('"%s" is a decision point (%s)', (sentence, verb, people?: string[]) => {
    expect(verbOf(sentence, people)).toBe(verb);
  });

  it.each([
    'The p99 latency alert fires',
    'Error rate crosses 5%',
    'Queries resume',
    'Deploy completes',
    'Failover completes on the secondary',
    'Restarts continue on the worker pool',
    'The deploy was rolled back',
    'On-call paged',
    'oncall first pinged',
    'Kubernetes restarts the crashing pods',
    'The scheduler kills idle workers',
    'The on-call reviews the dashboard',
    'Support notifies customers',
    'Someone restarted the service',
    'Replica was restarted by automation',
    'The cron job runs the cleanup',
    'The lead engineer acknowledges that the rollout plan had no canary',
    'Errors drop, the service recovers',
    'The deploy finished, restarts continue on the workers',
    'Queue drains, re-deploys are paused',
    'Traffic shifts back, rolled back by the controller',
    'The vendor replies to the ticket, suggesting we restart the gateway',
  ])('"%s" is not a decision point', (sentence) => {
    expect(verbOf(sentence)).toBeUndefined();
  });

  it('in a seed-shaped timeline: the acknowledgement, the suspicion, the query and the kill, not the alert or the recovery', () => {
    const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'timeline', 'decision-context-list.md'), 'utf8');
    const points = decisionPoints(lintDocument(text, {}, { force: true }).model);
    expect(points.map((d) => [d.entry.raw.trim(), text.slice(d.verb.start, d.verb.end), d.explained])).toEqual([
      ['14:12', 'acknowledges', false],
      ['14:15', 'suspects', false],
      ['14:20', 'runs', true],
      ['14:23', 'kills', true],
      // 14:31 "Dana restarted …": a name the timeline uses once is not known to be a person (precision first)
      ['14:45', 'Rolled back', false],
      ['14:55', 'decide', true],
    ]);
  });

  it('a "Key decisions" section that mentions the entry time explains it', () => {
    const doc = (decisions: string) =>
      `# Queue outage\n\n## Timeline (UTC)\n\n- 10:00 Queue depth alert fires\n- 10:05 The on-call restarts the consumers\n- 10:20 The on-call disables the producer\n\n## Key decisions\n\n${decisions}\n`;
    const explained = (text: string) => decisionPoints(lintDocument(text, {}, { force: true }).model).map((d) => d.explained);
    expect(explained(doc('- 10:05: restarting was the runbook’s first step for a stuck consumer.'))).toEqual([true, false]);
    expect(explained(doc('- Restarting was the first step.'))).toEqual([false, false]);
  });
});

describe('the add-context suggestion', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'timeline');
  for (const name of fs.readdirSync(dir).filter((f) => f.startsWith('decision-context-'))) {
    it(`explains each decision of ${name} in its layout, and changes no other finding`, () => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const config = { rules: { 'template-placeholder': 'off' as const } };
      const before = lintDocument(text, config, { force: true });
      const flagged = before.findings.filter((f) => f.ruleId === 'decision-context');
      expect(flagged.length).toBeGreaterThan(0);
      for (const f of flagged) {
        const fixed = applyFixes(text, [{ ...f, fix: f.suggestions![0] }]);
        const after = lintDocument(fixed, config, { force: true });
        expect(after.findings.filter((g) => g.ruleId === 'decision-context')).toHaveLength(flagged.length - 1);
        const others = (r: typeof before) =>
          r.findings.filter((g) => g.ruleId !== 'decision-context').map((g) => `${g.ruleId}: ${g.message}`);
        expect(others(after)).toEqual(others(before));
        expect(after.model.timeline).toHaveLength(before.model.timeline.length);
      }
    });
  }
});

describe('review-timeliness', () => {
  const doc = (header: string) =>
    `# Postmortem: queue outage\n\n${header}\n\n## Summary\n\nThe queue stalled.\n\n## Timeline (UTC)\n\n- 2026-05-04 10:00 Queue depth alert fires\n- 2026-05-04 11:00 Queue drains\n`;
  const late = (header: string, config = {}) =>
    lintDocument(doc(header), config, { force: true })
      .findings.filter((f) => f.ruleId === 'review-timeliness')
      .map((f) => f.message);

  it.each([
    ['**Date:** 2026-05-04\n**Written:** 2026-05-20', 16],
    ['Date: 4 May 2026  \nReport date: 30 May 2026', 26],
    ['---\ndate: 2026-05-04\npublished: 2026-06-01\n---', 28],
    ['| Date | 2026-05-04 |\n|---|---|\n| Reviewed on | 2026-05-15 |', 11],
    ['**Written:** 2026-05-20', 16], // no date field: the timeline's dates give the incident's day
  ])('flags %j (%i days)', (header, days) => {
    const [message] = late(header);
    expect(message).toMatch(new RegExp(`^Written ${days} days after the incident`));
  });

  it.each([
    '**Date:** 2026-05-04\n**Written:** 2026-05-08', // within five days
    '**Date:** 2026-05-04', // no written date
    '**Date:** 2026-05-04\n**Published:** Q2 2026', // not a full date
    '**Date:** 2026-05-04\n**Published:** 2026-04-30', // before the incident: not this rule's business
    '**Date:** 2026-05-04\n**Last updated:** 2026-07-01', // an edit date is not when it was written
  ])('is quiet on %j', (header) => {
    expect(late(header)).toEqual([]);
  });

  it('follows reviewWithinDays', () => {
    expect(late('**Date:** 2026-05-04\n**Written:** 2026-05-20', { reviewWithinDays: 20 })).toEqual([]);
  });
});
