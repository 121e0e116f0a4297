import { After, Before, BeforeStep, setDefaultTimeout } from '@cucumber/cucumber';
import { CHECKS_MEDIA_TYPE, ScenarioJudgements } from '../lib/judgement/judge';
import type { IlpWorld } from './world';

// Each step's own waits are bounded far below this; this only stops a harness bug from hanging a run.
setDefaultTimeout(20_000);

// Every check of the scenario is judged against its requirement tags (lib/judgement/judge.ts).
Before(function (this: IlpWorld, { pickle }) {
  this.judgements = new ScenarioJudgements(ScenarioJudgements.idsOfTags(pickle.tags.map((t) => t.name)), () => this.transcript.entries.length);
});

BeforeStep(function (this: IlpWorld, { pickleStep }) {
  this.judgements.step = pickleStep.text;
});

After(async function (this: IlpWorld) {
  this.judgements.step = undefined;
  const problems = await this.runTeardowns();
  if (!this.transcript.isEmpty) {
    this.attach(this.transcript.toText(), { mediaType: 'text/plain', fileName: 'wire-transcript.txt' });
    this.attach(this.transcript.toJson(), { mediaType: 'application/json', fileName: 'wire-transcript.json' });
  }
  // The report reads these, never the failure's text: which requirement each check judged, and how it came out.
  this.attach(JSON.stringify(this.judgements.checks), { mediaType: CHECKS_MEDIA_TYPE, fileName: 'checks.json' });
  if (problems.length > 0) {
    throw new Error(`Harness teardown failed: ${problems.join('; ')}`);
  }
  const left = this.uninspectedOutcomes;
  if (left.length > 0) {
    throw new Error(`No step judged ${left.length === 1 ? 'this outcome' : `these ${left.length} outcomes`}, so the scenario cannot pass on ${left.length === 1 ? 'it' : 'them'}: ${left.join('; ')}`);
  }
});
