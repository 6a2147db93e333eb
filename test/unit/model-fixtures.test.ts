// Every fixture under test/fixtures-model states what the model reads from it (see helpers/modelFixtures.ts):
// detection, canonical sections, timeline entries and action items, each compared line by line, so every line
// not listed is a negative example.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, detectPostmortem } from '../../server/src/engine/index';
import { listFixtures } from './helpers/fixtures';
import { describeModel, readModelExpectations } from './helpers/modelFixtures';

const root = path.join(__dirname, '..', 'fixtures-model');
const files = listFixtures(root);

describe('model fixtures', () => {
  it('has fixtures, each with a model block', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readModelExpectations(fs.readFileSync(f, 'utf8')), path.relative(root, f)).toBeDefined();
  });

  for (const file of files) {
    it(path.relative(root, file), () => {
      const text = fs.readFileSync(file, 'utf8');
      const expected = readModelExpectations(text)!;
      const model = buildModel(text);
      const actual = describeModel(model, expected);
      if (expected.detected !== undefined) actual.detected = detectPostmortem(model).isPostmortem;
      expect(actual).toEqual(expected);
    });
  }
});
