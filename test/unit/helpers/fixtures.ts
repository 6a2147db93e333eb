// Fixture harness: expectations live inside the fixture files.
//
//   some line with a problem <!-- expect rule-id other-rule -->   (findings that START on this line)
//   <!-- expect@L12 rule-id -->                                    (findings on line 12, 1-based; for places
//                                                                    where a trailing comment would change the
//                                                                    Markdown, e.g. inside a table or code block)
//   <!-- fixture {"only": ["rule-id"], "config": {...}, "detect": true} -->
//     only:   compare just these rules (others are ignored); default: every rule
//     config: LintConfig for this fixture (e.g. {"profile": "google-sre", "today": "2026-04-01"})
//     detect: run postmortem detection instead of forcing the lint (default false: forced)
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, LintConfig } from '../../../server/src/engine/types';

export interface FixtureSpec {
  file: string;
  name: string;
  text: string;
  only?: string[];
  config: LintConfig;
  detect: boolean;
  /** expected rule ids per 1-based line, sorted */
  expected: Map<number, string[]>;
}

const EXPECT = /<!--\s*expect(?:@L(\d+))?\s+([^>]*?)\s*-->/g;
const FIXTURE = /<!--\s*fixture\s+(\{[\s\S]*?\})\s*-->/;

export function listFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFixtures(full));
    else if (entry.name.endsWith('.md') && !entry.name.endsWith('.fixed.md')) out.push(full);
  }
  return out.sort();
}

export function readFixture(file: string, root: string): FixtureSpec {
  const text = fs.readFileSync(file, 'utf8');
  const expected = new Map<number, string[]>();
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(EXPECT)) {
      const target = m[1] ? Number(m[1]) : i + 1;
      const ids = m[2]!.split(/[\s,]+/).filter(Boolean);
      expected.set(target, [...(expected.get(target) ?? []), ...ids].sort());
    }
  });
  const fm = FIXTURE.exec(text);
  const spec = fm ? (JSON.parse(fm[1]!) as { only?: string[]; config?: LintConfig; detect?: boolean }) : {};
  return {
    file,
    name: path.relative(root, file),
    text,
    ...(spec.only ? { only: spec.only } : {}),
    config: spec.config ?? {},
    detect: spec.detect ?? false,
    expected,
  };
}

/** Rule ids per 1-based line for the findings, restricted to `only` when given. */
export function actualByLine(findings: Finding[], lineOf: (offset: number) => number, only?: string[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const f of findings) {
    if (only && !only.includes(f.ruleId)) continue;
    const line = lineOf(f.start) + 1;
    map.set(line, [...(map.get(line) ?? []), f.ruleId].sort());
  }
  return map;
}

export function toSortedRecord(map: Map<number, string[]>): Record<string, string[]> {
  return Object.fromEntries([...map.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [`L${k}`, v]));
}
