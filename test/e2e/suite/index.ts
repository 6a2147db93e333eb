// Mocha entry point loaded by VS Code's extension host (`extensionTestsPath`). Runs every compiled
// *.test.js beside it, prints `N passed, N failed`, and writes the counts to $E2E_RESULTS for
// scripts/e2e.mjs. Rejecting makes the workbench exit with code 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const failures: string[] = [];
    let passed = 0;
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failedCount) => {
        const result = { passed, failed: failedCount, failures };
        console.log(`${passed} passed, ${failedCount} failed`);
        if (process.env.E2E_RESULTS) fs.writeFileSync(process.env.E2E_RESULTS, JSON.stringify(result, null, 1));
        if (failedCount > 0 || passed === 0) reject(new Error(passed === 0 ? 'no test ran' : `${failedCount} tests failed`));
        else resolve();
      });
    } catch (e) {
      reject(e);
      return;
    }
    runner.on('pass', () => (passed += 1));
    runner.on('fail', (test, err: Error) => failures.push(`${test.fullTitle()}: ${err.message.split('\n')[0]}`));
  });
}
