// Content detection: the title's words, other genres' titles and section names, and milestone schedules.
// Whole documents live in test/fixtures-model/detection; these are the title and timeline patterns, a line each.
import { describe, expect, it } from 'vitest';
import { buildModel, detectPostmortem } from '../../server/src/engine/index';

const detect = (text: string) => detectPostmortem(buildModel(text)).isPostmortem;
const withImpact = (title: string) => `${title}\n\n## Impact\n\nSome users saw errors.\n`;

describe('detection by title', () => {
  it('an incident or postmortem word in the title plus one postmortem section', () => {
    for (const t of [
      '# Queue outage on 2031-02-03',
      '# Postmortem: stale cache',
      '# Post mortem - stale cache',
      '# RCA: failed nightly backup',
      '# Root-cause analysis of the DNS failure',
      '# Retrospective: leaked credentials',
      '# Security advisory: open redirect',
      '# The API was down for an hour',
      '# Degraded search results in the EU',
      '## Incident report for the billing delay',
    ])
      expect(detect(withImpact(t)), t).toBe(true);
  });
  it('not tool names, guides, process documents or planned work', () => {
    for (const t of [
      '# outage-notifier',
      '# postmortem-lint',
      '# How to write a postmortem',
      '# Incident response playbook',
      '# Postmortem templates',
      '# Planned outage: database upgrade',
      '# Scheduled downtime this weekend',
      '# Scale down idle workers',
    ])
      expect(detect(withImpact(t)), t).toBe(false);
  });
  it('a genre title (changelog, RFC, meeting, plan) outweighs a Timeline plus Action Items', () => {
    const body = '\n\n## Timeline\n\n- 10:00 kickoff\n- 11:00 review\n\n## Action items\n\n- [ ] Ana to send notes\n';
    expect(detect(`# Project kickoff${body}`)).toBe(true);
    for (const t of ['# Changelog', '# RFC 7: new queue', '# Weekly sync', '# Launch plan for v2', '# Release notes 1.4'])
      expect(detect(`${t}${body}`), t).toBe(false);
  });
});

describe('detection by structure', () => {
  it('a timeline of dated milestones weeks apart is a schedule, not an incident', () => {
    const doc = (entries: string) =>
      `# Storage work\n\n## Summary\n\nx\n\n## Timeline\n\n${entries}\n\n## Next steps\n\n- [ ] Ana to start\n`;
    expect(detect(doc('- 2031-03-01 - design review\n- 2031-05-01 - beta'))).toBe(false);
    expect(detect(doc('- 2031-03-01 - deploy broke logins\n- 2031-03-02 - fix shipped'))).toBe(true);
    expect(detect(doc('- 14:02 alert fires\n- 14:30 rolled back'))).toBe(true);
  });
  it('two section names of another genre outweigh a Timeline plus a Summary', () => {
    const doc = '# Cache\n\n## Summary\n\nx\n\n## Timeline\n\n- 14:02 a\n- 14:10 b\n\n## Goals\n\ny\n\n## Alternatives considered\n\nz\n';
    expect(detect(doc)).toBe(false);
    expect(detect(doc.replace('## Goals', '## Background'))).toBe(true);
  });
});
