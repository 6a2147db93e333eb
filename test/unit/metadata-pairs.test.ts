// Metadata header lines: several `**Key:** value` pairs on one line, separators between them, `- Key: value` bullets
// in a header list, and what is not a pair. Each field's range is exactly its value.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../server/src/engine/index';

function fields(text: string): Record<string, string> {
  const m = buildModel(text);
  const out: Record<string, string> = {};
  for (const [k, f] of Object.entries(m.metadata.fields)) {
    expect(text.slice(f.start, f.end), k).toBe(f.value);
    out[k] = f.value;
  }
  return out;
}
const doc = (header: string) => `# Replica lag\n\n${header}\n\n## Summary\n\nReplicas fell behind.\n`;

describe('metadata pairs on one line', () => {
  it('bold pairs side by side, with or without separators', () => {
    expect(fields(doc('**Date:** YYYY-MM-DD **Duration:** Xm **Severity:** SEV-N'))).toEqual({
      date: 'YYYY-MM-DD',
      duration: 'Xm',
      severity: 'SEV-N',
    });
    expect(fields(doc('**Date**: 2031-02-11 | **Severity**: Minor • **Status:** resolved; **Duration:** 35m'))).toEqual({
      date: '2031-02-11',
      severity: 'Minor',
      status: 'resolved',
      duration: '35m',
    });
  });
  it('plain pairs after a plain metadata key, split only at capitalised metadata labels', () => {
    expect(fields(doc('Date: 2031-02-11, Duration: 35 minutes, Severity: P3'))).toEqual({
      date: '2031-02-11',
      duration: '35 minutes',
      severity: 'P3',
    });
    expect(fields(doc('Severity: high, the status: unclear'))).toEqual({ severity: 'high, the status: unclear' });
    expect(fields(doc('Note: the Severity: field was never set'))).toEqual({});
  });
  it('bold text inside a value is not a label', () => {
    expect(fields(doc('**Severity:** Major (**Critical**: EU only)'))).toEqual({ severity: 'Major (**Critical**: EU only)' });
  });
  it('key/value bullets in a header list, whatever other labels the list holds', () => {
    expect(fields(doc('- Date: 2031-01-19\n- Impact: slow search\n- Severity: Major\n- Duration: 1h 20m'))).toEqual({
      date: '2031-01-19',
      severity: 'Major',
      duration: '1h 20m',
    });
  });
  it('a `# [Title]` placeholder heading is not a key whose value is the next paragraph', () => {
    const m = buildModel('# [Title]\n\n**Date:** 2031-01-19\n\n## Summary\n\nx\n');
    expect(m.metadata.fields.title).toBeUndefined();
    expect(m.title?.value).toBe('[Title]');
  });
});
