// The real corpus: every document lints without an exception, is detected as a postmortem by its
// content alone, and `inspect` finds the sections a reader sees (kinds in document order; roles in parentheses).
// For the documents added later (61-64, 70-84) the lists are the engine's current output; the comment gives what a
// reader sees where it differs (read labels: corpus-labels.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintDocument } from '../../server/src/engine/index';
import { inspectModel } from '../../server/src/cli/inspect';

import { CORPUS_DIR } from './helpers/files';

const EXPECTED_SECTIONS: Record<string, string[]> = {
  '01-dfds-postmortems-pm2019-009-ip-starvation.md': ['summary', 'timeline', 'contributing-factors', 'lessons-learned', 'action-items'],
  '02-dfds-postmortems-pm2020-003-adsync-migration.md': [
    'summary',
    'timeline',
    'contributing-factors',
    'lessons-learned',
    'action-items',
    '(metadata)',
  ],
  '03-dfds-postmortems-pm2020-007-unhealthy-nodes.md': [
    'summary',
    'timeline',
    'contributing-factors',
    'lessons-learned',
    'action-items',
    '(metadata)',
  ],
  '04-dfds-postmortems-pm2020-009-kiam-upgrade.md': [
    'summary',
    'timeline',
    'contributing-factors',
    'lessons-learned',
    'action-items',
    '(metadata)',
  ],
  '05-dfds-postmortems-pm2021-011-log4shell.md': [
    'summary',
    'timeline',
    'action-items',
    'lessons-learned',
    'lessons-learned',
    '(responders)',
    '(metadata)',
  ],
  '06-dfds-postmortems-pm2022-001-prometheus-down.md': [
    'summary',
    'timeline',
    'contributing-factors',
    'action-items',
    'lessons-learned',
    '(responders)',
    '(metadata)',
  ],
  '07-PostHog-post-mortems-flags-is-down.md': ['summary', 'timeline', 'contributing-factors', 'impact', 'action-items', 'lessons-learned'],
  '08-PostHog-post-mortems-surveys-sdk-bug.md': [
    'summary',
    'timeline',
    'contributing-factors',
    'contributing-factors',
    'contributing-factors',
    'contributing-factors',
    'impact',
    'impact', // "User-facing impact:" (a label inside Impact; read since "<audience>-facing impact" wordings are impact)
    'action-items',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'lessons-learned',
  ],
  '09-PostHog-post-mortems-flags-recurring-outages.md': [
    'summary',
    'timeline',
    'contributing-factors',
    'timeline',
    'contributing-factors',
    'timeline',
    'contributing-factors',
    'timeline',
    'contributing-factors',
    'timeline',
    // the fourth incident's "**Resolution:** After identifying …" paragraph below its "**Timeline:**" label
    'resolution',
    'contributing-factors',
    'impact',
    'action-items',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'lessons-learned',
    'action-items',
  ],
  '10-PostHog-post-mortems-shai-hulud-attack.md': ['(user-guidance)', 'contributing-factors', 'contributing-factors', 'action-items'],
  '11-PostHog-post-mortems-replay-sdk-fetch-wrapper.md': [
    'summary',
    'impact',
    'timeline',
    'contributing-factors',
    'resolution',
    'lessons-learned',
    'action-items',
  ],
  '19-kubernetes-test-infra-prow-config-outage-2019-01-23.md': [
    'summary',
    'impact',
    'contributing-factors',
    'detection',
    'resolution',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    '(where-we-got-lucky)',
    'action-items',
    'timeline',
    '(appendix)',
  ],
  '20-kubernetes-test-infra-prow-namespace-outage-2019-02-05.md': [
    'summary',
    'impact',
    'contributing-factors',
    'detection',
    'resolution',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    '(where-we-got-lucky)',
    'action-items',
    'timeline',
    '(appendix)',
  ],
  '21-kubernetes-test-infra-boskos-outage-2019-03-26.md': [
    'summary',
    'impact',
    'contributing-factors',
    'detection',
    'resolution',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    '(where-we-got-lucky)',
    'action-items',
    'timeline',
    '(appendix)',
  ],
  '22-kubernetes-test-infra-prow-flakiness-2019-05-30.md': [
    'summary',
    'impact',
    'contributing-factors',
    'detection',
    'resolution',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    '(where-we-got-lucky)',
    'action-items',
    'timeline',
    '(appendix)',
  ],
  '27-2i2c-org-incident-reports-memory-overload.md': ['summary', 'timeline', 'action-items'],
  '28-2i2c-org-incident-reports-earthscope-provisioning.md': ['summary', 'resolution', 'timeline', 'action-items'],
  '29-2i2c-org-incident-reports-openscapes-hub-pods.md': ['summary', 'resolution', 'timeline', 'action-items'],
  '30-2i2c-org-incident-reports-leap-outage.md': [
    'summary',
    'resolution',
    'what-went-well',
    'what-went-poorly',
    'timeline',
    'timeline',
    'action-items',
  ],
  '37-jupyterhub-mybinder.org-deploy-ubuntu-upgrade.md': ['summary', 'timeline', 'action-items'],
  '38-jupyterhub-mybinder.org-deploy-jupyterlab-announcement.md': ['summary', 'timeline', 'lessons-learned', 'action-items'],
  '39-jupyterhub-mybinder.org-deploy-cull-flood.md': ['timeline', 'lessons-learned', 'action-items'],
  '40-jupyterhub-mybinder.org-deploy-podsnips-aplenty.md': [
    'summary',
    'timeline',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'action-items',
  ],
  '48-learningequality-postmortems-cloudflare-migration.md': [
    '(metadata)',
    '(metadata)',
    'summary',
    'summary',
    'contributing-factors',
    'resolution',
    'action-items',
    '(owner-notes)',
  ],
  '49-learningequality-postmortems-sushibar-cert-expired.md': [
    '(metadata)',
    '(metadata)',
    '(metadata)',
    'summary',
    'impact',
    'contributing-factors',
    '(trigger)',
    'resolution',
    'detection',
    'action-items',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    '(where-we-got-lucky)',
    'timeline',
    '(supporting-information)',
  ],
  '58-etcd-io-etcd-v3.5-data-inconsistency.md': [
    'summary',
    '(background)',
    'contributing-factors',
    '(trigger)',
    'detection',
    'impact',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    '(where-we-got-lucky)',
    'action-items',
    'timeline',
  ],
  '60-Homebrew-brew.sh-security-disclosure-2018.md': ['impact', 'action-items'],
  // read: the same (the three `**Actions planned:**` labels are action items since "planned actions" wordings are
  // a synonym family); the five `**Action(s) taken:**` labels are read as Resolution and `### Alerting` (a lesson)
  // as Detection.
  '61-ethereum-optimism-optimism-2022-02-02-inflation-vuln.md': [
    'summary',
    'contributing-factors',
    'impact',
    'detection',
    'resolution',
    'timeline',
    'resolution',
    'lessons-learned',
    'action-items',
    'resolution',
    'action-items',
    'resolution',
    'resolution',
    'resolution',
    'action-items',
    'resolution',
    'detection',
  ],
  // read: the same (Leadup and Causes are both contributing factors).
  '62-ethereum-optimism-optimism-2022-05-31-drop-1.md': [
    'summary',
    'timeline',
    'contributing-factors',
    'contributing-factors',
    'impact',
    'resolution',
    'lessons-learned',
    'action-items',
  ],
  // read: + resolution and lessons-learned: "Recovery and Lessons Learned" is one combined heading.
  '63-ethereum-optimism-optimism-2023-04-26-tx-delays.md': [
    'summary',
    'contributing-factors',
    'contributing-factors',
    'resolution+lessons-learned',
  ],
  // read: the same (a blog post without section headings).
  '64-hexpm-hexpm-2025-07-30-hex-outage.md': [],
  // read (70-75): the same.
  '70-edgi-govdata-archiving-web-monitoring-ops-2018-10-10-differ-locked-cluster.md': [
    'summary',
    'timeline',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'action-items',
    '(responders)',
  ],
  '71-edgi-govdata-archiving-web-monitoring-ops-2018-10-30-incorrect-tls-certs.md': [
    'summary',
    'timeline',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'action-items',
    '(responders)',
  ],
  '72-edgi-govdata-archiving-web-monitoring-ops-2019-01-18-scraper-failure.md': [
    'summary',
    'timeline',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'action-items',
    '(responders)',
  ],
  '73-edgi-govdata-archiving-web-monitoring-ops-2019-02-12-wayback-import.md': [
    'summary',
    'timeline',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'action-items',
    '(responders)',
  ],
  '74-edgi-govdata-archiving-web-monitoring-ops-2019-02-20-scraper-silent-failure.md': [
    'summary',
    'timeline',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'action-items',
    '(responders)',
  ],
  '75-edgi-govdata-archiving-web-monitoring-ops-2019-07-21-differ-broken.md': [
    'summary',
    'timeline',
    'lessons-learned',
    'what-went-well',
    'what-went-poorly',
    'action-items',
    '(responders)',
  ],
  // read (76, 78-81): impact ("Fallout", recognised since the synonym work); "Thanks" is a known non-canonical section (no role yet).
  '76-taskcluster-taskcluster-retrospectives-2016-05-30-provisioner-deploy.md': ['(background)', 'timeline', 'impact', 'action-items'],
  // read: + contributing-factors ("The bug"), resolution ("Fix") (impact "Fallout" is now recognised); `#### Bugzilla Bug: …` is metadata.
  // "The bug" and "Fix" are synonyms since the held-out measurement's gaps were read
  '77-taskcluster-taskcluster-retrospectives-2018-02-13-windows-amis.md': [
    'summary',
    '(background)',
    'contributing-factors',
    'detection',
    'resolution',
    'action-items',
    'timeline',
    'impact',
    'action-items',
  ],
  '78-taskcluster-taskcluster-retrospectives-2018-08-27-dns-outage.md': ['(background)', 'timeline', 'impact', 'action-items'],
  '79-taskcluster-taskcluster-retrospectives-2019-03-20-leaked-creds.md': ['(background)', 'timeline', 'impact', 'action-items'],
  '80-taskcluster-taskcluster-retrospectives-2021-10-08-worker-manager.md': ['(background)', 'timeline', 'impact', 'action-items'],
  '81-taskcluster-taskcluster-retrospectives-2022-01-08-google-incident.md': ['(background)', 'timeline', 'impact', 'action-items'],
  // read (82, 83): contributing-factors ("Details:", here given the metadata role), impact ("Risks and Hazards:"),
  // resolution ("Mitigation:"), action-items ("Recommendations:"); `## Date:` / `## Time:` are metadata keys.
  '82-comdex-official-incident-reports-2022-12-15-collateral-auction.md': ['(metadata)', 'resolution', 'action-items'],
  '83-comdex-official-incident-reports-2023-02-06-stability-fees.md': ['(metadata)', 'resolution', 'action-items'],
  // read: summary ("Introduction:"), contributing-factors ("Description:"), impact, action-items ("Remedial Measures:"),
  // lessons-learned ("Conclusion:").
  '84-comdex-official-incident-reports-2023-03-12-rewards-failure.md': ['impact', 'action-items', 'lessons-learned'],
};

// Postmortems (to a reader) that the engine does not detect today; detection must not regress on the others.
// (64, a blog post with an H2 title and a numbered remediation list after "To prevent similar issues …, we've made a
// few changes …:", is detected since such a lead-in makes its list action items.)
const NOT_DETECTED = new Set<string>([]);

describe('corpus', () => {
  const files = fs.existsSync(CORPUS_DIR) ? fs.readdirSync(CORPUS_DIR).filter((f) => /^\d.*\.md$/.test(f)) : [];

  it('is present beside the repository (../shared/corpus) and fully listed here', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED_SECTIONS).sort());
  });

  for (const file of files) {
    it(file, () => {
      const text = fs.readFileSync(path.join(CORPUS_DIR, file), 'utf8');
      const result = lintDocument(text, {}, {});
      expect(result.ruleErrors).toEqual([]);
      expect(result.detection.isPostmortem).toBe(!NOT_DETECTED.has(file));
      const inspected = inspectModel(result) as { sections: { kind: string; kinds?: string[]; role?: string }[] };
      const kinds = inspected.sections
        .map((s) => (s.kind !== 'other' ? (s.kinds ?? [s.kind]).join('+') : s.role ? `(${s.role})` : ''))
        .filter(Boolean);
      expect(kinds).toEqual(EXPECTED_SECTIONS[file]);
      for (const f of result.findings) {
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(text.length);
      }
    });
  }
});
