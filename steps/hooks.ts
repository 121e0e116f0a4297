import { After, setDefaultTimeout } from '@cucumber/cucumber';
import type { IlpWorld } from './world';

// Each step's own waits are bounded far below this; this only stops a harness bug from hanging a run.
setDefaultTimeout(20_000);

After(async function (this: IlpWorld) {
  const problems = await this.runTeardowns();
  if (!this.transcript.isEmpty) {
    this.attach(this.transcript.toText(), { mediaType: 'text/plain', fileName: 'wire-transcript.txt' });
    this.attach(this.transcript.toJson(), { mediaType: 'application/json', fileName: 'wire-transcript.json' });
  }
  if (problems.length > 0) {
    throw new Error(`Harness teardown failed: ${problems.join('; ')}`);
  }
  const left = this.uninspectedOutcome;
  if (left) {
    throw new Error(`No step inspected this outcome, so the scenario cannot pass on it: ${left}`);
  }
});
