// Deterministic generator of realistic Markdown postmortems for `npm run bench` (not a test fixture).
// Sizes are approximate line counts; the same seed always gives the same text.

function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = [
  'checkout-api',
  'payments gateway',
  'the ingress controller',
  'orders-db primary',
  'search indexer',
  'auth service',
  'the CDN edge',
  'the job queue',
];
const PEOPLE = ['@raj', '@li', '@maria', '@sam', '@noor', '@kofi', '@ana'];
const EVENTS = [
  'Alert fired: 5xx rate above 2% on {s}',
  'On-call engineer acknowledged the page for {s}',
  'Incident declared (SEV-2); incident channel opened',
  'Deploy of build {n} to {s} started',
  'Error budget burn alert for {s}',
  'Rolled back {s} to the previous release',
  'Traffic shifted away from the affected region',
  'Database failover for {s} completed',
  'Customer support reported elevated ticket volume',
  'Latency for {s} back within SLO; monitoring',
  'Cache hit ratio on {s} dropped to 40%',
  'Feature flag `new-pricing` disabled for all users',
];
const PROSE_OK = [
  'The deploy pipeline allowed a configuration change to reach production without a canary stage, so the faulty value reached every region at once.',
  'Our alerting on {s} used a fifteen-minute window, which delayed detection of the error spike by roughly twelve minutes.',
  'The runbook for {s} described a failover procedure that no longer matched the current topology after the migration in March.',
  "Connection pool limits on {s} were sized for last year's peak traffic; the retry storm exhausted them within minutes.",
  'Dashboards showed healthy averages while the p99 latency for a subset of tenants exceeded ten seconds.',
  "Two teams owned overlapping parts of the rollout tooling, and neither had visibility into the other's change calendar.",
];
const PROSE_BLAME = [
  'The engineer should have checked the configuration before deploying it to {s}.',
  'This was caused by human error: Sam carelessly ran the migration against production.',
  'Obviously the on-call engineer failed to follow the runbook, which made the outage worse.',
  'If Li had simply looked at the dashboard, the incident would have been avoided.',
];
const ACTIONS = [
  'Add a canary stage to the {s} deploy pipeline',
  'Alert on p99 latency for {s} with a 5 minute window',
  'Update the failover runbook for {s} and rehearse it quarterly',
  'Resize connection pools on {s} and add a load test',
  'Add per-tenant latency panels to the {s} dashboard',
  'Be more careful with deploys',
];

export function generatePostmortem(targetLines, seed = 1) {
  const rnd = prng(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const fill = (t) => t.replace('{s}', pick(SERVICES)).replace('{n}', String(1000 + Math.floor(rnd() * 9000)));
  const out = [];
  out.push(
    '---',
    `title: Checkout outage ${seed}`,
    'date: 2024-03-12',
    'severity: SEV-2',
    'authors: [raj, li]',
    'status: final',
    '---',
    '',
  );
  out.push(`# Postmortem: checkout outage on 2024-03-12`, '');
  out.push('**Date:** 2024-03-12  ', '**Authors:** Raj Patel, Li Wei  ', '**Status:** Final', '');
  out.push('## Summary', '', fill(PROSE_OK[0]), fill(PROSE_OK[1]), '');
  out.push(
    '## Impact',
    '',
    '- 38% of checkout requests failed for 47 minutes.',
    '- About 12,400 customers saw an error page.',
    '- No data was lost.',
    '',
  );
  // Per "phase" block: timeline day, factors prose, action table. Each phase is ~ 60 lines.
  const phases = [];
  let day = 12;
  let lines = out.length;
  let phase = 0;
  const timeline = [];
  const factors = [];
  const actions = [];
  let ticket = 100;
  while (lines < targetLines - 30) {
    phase++;
    const t = [];
    t.push(`### 2024-03-${String(day).padStart(2, '0')}`, '');
    let minute = 0;
    let hour = 8;
    const n = 12 + Math.floor(rnd() * 10);
    for (let i = 0; i < n; i++) {
      minute += 1 + Math.floor(rnd() * 9);
      if (minute >= 60) {
        hour++;
        minute -= 60;
      }
      t.push(`- ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} UTC — ${fill(pick(EVENTS))}`);
    }
    t.push('');
    timeline.push(t);
    lines += t.length;
    const f = [];
    f.push(`### Factor ${phase}: ${pick(SERVICES)}`, '');
    for (let p = 0; p < 3; p++) {
      const sentences = [];
      for (let k = 0; k < 3; k++) sentences.push(fill(rnd() < 0.15 ? pick(PROSE_BLAME) : pick(PROSE_OK)));
      f.push(sentences.join(' '), '');
    }
    f.push('```sh', `kubectl -n checkout rollout undo deploy/${pick(SERVICES).replace(/\W+/g, '-')}`, '```', '');
    factors.push(f);
    lines += f.length;
    const a = [];
    for (let i = 0; i < 6; i++) {
      ticket++;
      const owner = pick(PEOPLE);
      const due = rnd() < 0.1 ? 'TBD' : `2099-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
      a.push(`| ${fill(pick(ACTIONS))} | ${owner} | ${due} | [OPS-${ticket}](https://tracker.example/OPS-${ticket}) | Open |`);
    }
    actions.push(a);
    lines += a.length;
    if (day < 28) day++;
  }
  out.push('## Timeline', '', 'All times are UTC.', '');
  for (const t of timeline) out.push(...t);
  out.push('## Contributing factors', '');
  for (const f of factors) out.push(...f);
  out.push('## What went well', '', '- Rollback tooling worked as designed.', '- Support escalated quickly.', '');
  out.push('## What went poorly', '', '- Detection took 12 minutes.', '- The runbook was out of date.', '');
  out.push('## Action items', '', '| Action | Owner | Due | Ticket | Status |', '|---|---|---|---|---|');
  for (const a of actions) out.push(...a);
  out.push('', '## Lessons learned', '', 'Canary stages and tighter alert windows would have shortened the impact.', '');
  void phases;
  return out.join('\n');
}
