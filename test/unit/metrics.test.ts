import { describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/model/buildModel';
import {
  computeMetrics,
  formatMetric,
  leadUpEntries,
  type IncidentMetrics,
  type MetricKind,
} from '../../server/src/engine/analysis/metrics';

function metrics(md: string): IncidentMetrics {
  return computeMetrics(buildModel(md).timeline);
}
function by(m: IncidentMetrics): Record<MetricKind, { minutes?: number; missing?: string; raw?: string }> {
  return Object.fromEntries(m.metrics.map((x) => [x.kind, { minutes: x.minutes, missing: x.missing, raw: x.entry?.raw }])) as never;
}
const doc = (rows: string[]) => `# Outage\n\n## Timeline (UTC)\n\n${rows.map((r) => `- ${r}`).join('\n')}\n`;

describe('incident start', () => {
  it('takes the entry that says the outage began', () => {
    const m = metrics(
      doc([
        '09:00 Routine work',
        '10:00 Deploy of v2 finished',
        '10:05 Checkout errors begin (**outage starts**)',
        '10:20 Alert fires',
        '10:30 On-call acknowledges',
        '11:00 Service fully restored',
      ]),
    );
    expect(m.start!.raw).toBe('10:05');
    expect(m.startReason).toBe('explicit');
    const b = by(m);
    expect([b.detect.minutes, b.acknowledge.minutes, b.resolve.minutes]).toEqual([15, 25, 55]);
  });

  it('takes a triggering change shortly before the first symptom, not one long before', () => {
    const near = metrics(
      doc(['08:00 Config change is pushed', '09:30 Checkout errors climb', '10:00 Alert fires', '11:00 Incident resolved']),
    );
    expect([near.start!.raw, near.startReason]).toEqual(['08:00', 'trigger']);
    expect(by(near).detect.minutes).toBe(120);
    // more than SHORTLY_MINUTES (6h) before the first symptom: history, the day of detection starts the incident
    const far = metrics(
      `# Outage\n\n## Timeline (UTC)\n\n- 2024-03-01 14:00 Config change is pushed\n- 2024-03-02 06:00 Checkout errors climb\n- 2024-03-02 07:00 Alert fires\n- 2024-03-02 08:00 Incident resolved\n`,
    );
    expect([far.start!.raw, far.startReason]).toEqual(['2024-03-02 06:00', 'detection-day']);
    expect(by(far).detect.minutes).toBe(60);
  });

  it('skips lead-up rows days before the next one, and date-only rows', () => {
    const md = `# Outage\n\n## Timeline (UTC)\n\n- 2024-01-05 10:00 Bug introduced\n- 2024-02-01 Release published\n- 2024-03-01 09:00 Node upgrade scheduled\n- 2024-03-03 10:00 Errors reported by a customer\n- 2024-03-03 10:30 Rollback completed\n`;
    const m = metrics(md);
    expect(m.leadUp.map((e) => e.raw)).toEqual(['2024-01-05 10:00', '2024-03-01 09:00']);
    expect(m.start!.raw).toBe('2024-03-03 10:00');
    expect([by(m).detect.minutes, by(m).mitigate.minutes]).toEqual([0, 30]);
    expect(leadUpEntries(buildModel(md).timeline)).toHaveLength(2);
  });

  it('never treats the detection itself as lead-up', () => {
    const m = metrics(
      `# Outage\n\n## Timeline (UTC)\n\n- 2024-03-01 10:00 A customer reports that uploads fail\n- 2024-03-03 09:00 Fix released\n- 2024-03-03 09:30 Incident resolved\n`,
    );
    expect(m.leadUp).toEqual([]);
    expect(m.start!.raw).toBe('2024-03-01 10:00');
  });

  it('keeps at least two timed entries: a deploy and a restore a day later are the incident, not lead-up', () => {
    const m = metrics(`# Outage\n\n## Timeline (UTC)\n\n- 2024-03-05 23:50 Deploy\n- 2024-03-07 02:00 Service fully restored\n`);
    expect(m.leadUp).toEqual([]);
    expect(by(m).resolve.minutes).toBe(26 * 60 + 10);
  });

  it('has no start when the timeline gives dates only, and says why', () => {
    const m = metrics(`# Outage\n\n## Timeline\n\n- 2021-05-08 Change merged\n- 2021-12-01 Report of data corruption\n`);
    expect(m.start).toBeUndefined();
    expect(m.startNote).toMatch(/dates only/);
    expect(by(m).detect).toMatchObject({ raw: '2021-12-01', missing: expect.stringMatching(/^not derivable: no incident start/) });
  });
});

describe('not derivable rather than wrong', () => {
  it('a detection before the stated start (a date typo) is not derivable, not negative', () => {
    const m = metrics(
      `# Outage\n\n## Timeline (UTC)\n\n- [03-26 23:04] Pod stuck in a crash loop (**outage starts**)\n- [03-26 02:50] The outage is reported on GitHub\n- [03-26 08:10] Fixed build deployed (**outage ends**)\n`,
    );
    const b = by(m);
    expect(b.detect.minutes).toBeUndefined();
    expect(b.detect.missing).toMatch(/^not derivable: .*before the incident start/);
    expect(formatMetric(m.metrics[0]!)).toMatch(/^Time to detect: not derivable: /);
  });

  it('a detection recorded after the mitigation is not derivable', () => {
    const b = by(metrics(doc(['14:00 Launch of the new feature', '15:00 Hub restarted, back online', '16:00 Notice that launches fail'])));
    expect(b.mitigate.minutes).toBe(60);
    expect(b.detect.missing).toMatch(/^not derivable: detected .* after it was mitigated/);
  });

  it('an acknowledgement counts as detection when nothing earlier says so; a page is detection, not acknowledgement', () => {
    const b = by(metrics(doc(['17:00 Incident declared', '17:30 Incident resolved'])));
    expect([b.detect.minutes, b.acknowledge.minutes]).toEqual([0, 0]);
    const p = by(metrics(doc(['07:00 Users see timeouts', '07:18 On-call first pinged', '08:07 On-call begins looking'])));
    expect([p.detect.raw, p.acknowledge.raw]).toEqual(['07:18', '08:07']);
  });

  it('a hedged resolution is not a resolution', () => {
    const b = by(metrics(doc(['12:00 Outage reported', '13:00 Believing the issue to be resolved, work resumes'])));
    expect(b.resolve.missing).toBe('no entry describes this moment');
  });

  it('entries in zones that cannot be compared are not derivable', () => {
    const b = by(metrics(`# Outage\n\n## Timeline\n\n- 10:00 XYZT Alert fires (**outage starts**)\n- 11:00 UTC Incident resolved\n`));
    expect(b.resolve.missing ?? '').toMatch(/^not derivable: .*zones/);
  });
});

describe('mixed zones: moments by absolute time, not by the date as written', () => {
  const zoned = (rows: string[]) => `# Outage\n\n## Timeline\n\n${rows.map((r) => `- ${r}`).join('\n')}\n`;

  it('takes an entry on the previous calendar day in a western zone as the earliest moment', () => {
    // 2023-01-04 4:00 PM PST is 2023-01-05 00:00 UTC: the same day as the detection, 20 minutes before it
    const m = metrics(
      zoned([
        '2023-01-05 00:20 UTC Alert fires for checkout errors',
        '2023-01-04 4:00 PM PST Queue depth starts climbing',
        '2023-01-05 00:45 UTC Incident resolved',
      ]),
    );
    expect(m.start!.raw).toBe('2023-01-04 4:00 PM PST');
    const b = by(m);
    expect([b.detect.minutes, b.resolve.minutes]).toEqual([20, 45]);
  });

  it('takes the earliest detection in absolute time when it is listed further down in another zone', () => {
    const m = metrics(
      zoned([
        '2023-03-10 09:00 CET Error rate climbs',
        '2023-03-10 09:30 CET Customer reported errors',
        '2023-03-10 08:10 UTC Alert fires',
        '2023-03-10 10:00 CET Incident resolved',
      ]),
    );
    const b = by(m);
    expect(b.detect.raw).toBe('2023-03-10 08:10 UTC');
    expect(b.detect.minutes).toBe(10);
  });

  it('keeps document order within one zone when nothing is earlier', () => {
    const m = metrics(
      zoned(['2023-03-10 09:00 UTC Error rate climbs', '2023-03-10 09:05 UTC Alert fires', '2023-03-10 09:50 UTC Incident resolved']),
    );
    expect(m.start!.raw).toBe('2023-03-10 09:00 UTC');
    expect(by(m).detect.minutes).toBe(5);
  });
});
