import { describe, expect, it } from 'vitest';
import { chainRuleCode, gradcheckCode, LabController, quizCode, runsCode } from './controller';

/** A controller on a fake clock that advances 1 ms per read (so budgets end), started on the built-in data. */
function controller(): LabController {
  let t = 0;
  const c = new LabController({ now: () => (t += 1) });
  c.start();
  return c;
}

/** Lets the dynamic import and the promise callbacks after it run. */
const settle = () => new Promise((done) => setTimeout(done, 0));

// These run in order: the first test sees the quiz's code not loaded yet (the modules are per test file).
describe('the quiz, the gradient check, the chain rule and kept runs load their code on demand', () => {
  it('a step in quiz mode waits for the quiz’s code, then asks the question instead of stepping past it', async () => {
    const c = controller();
    c.stepEquation();
    const before = c.getView().current;
    expect(quizCode.get()).toBeNull();
    c.setQuiz(true, 'forward');
    // Two clicks while the code loads: one step waits, the other adds nothing.
    c.stepEquation();
    c.stepEquation();
    expect(c.getView().current).toBe(before);
    await quizCode.load();
    await settle();
    const v = c.getView();
    expect(v.current).toBe(before);
    expect(v.quiz.question).not.toBeNull();
    expect(v.quiz.question?.equationId).toBe(v.equations[before + 1].id);
    c.answerQuiz(true);
    expect(c.getView().quiz.score).toEqual({ asked: 1, right: 1 });
  });

  it('the gradient check says it is loading until its code is there, then gives its report', async () => {
    const c = controller();
    expect(gradcheckCode.get()).toBeNull();
    expect(c.gradientCheck()).toEqual({ kind: 'obstacle', message: expect.stringContaining('loading') as string });
    await gradcheckCode.load();
    const outcome = c.gradientCheck();
    expect(outcome?.kind).toBe('report');
    if (outcome?.kind === 'report') expect(outcome.report.rows.length).toBeGreaterThan(0);
  });

  it('a selected weight’s chain rule is in the view once the chain rule’s code has arrived', async () => {
    const c = controller();
    // Into the backward pass of the first batch, where the chain rule of a weight is shown.
    for (let k = 0; k < 200 && c.getView().phase !== 'backward'; k++) c.stepEquation();
    expect(c.getView().phase).toBe('backward');
    c.selectParameter({ layer: 1, neuron: 0, source: 0 });
    await chainRuleCode.load();
    await settle();
    const v = c.getView();
    expect(v.selected).toEqual({ layer: 1, neuron: 0, source: 0 });
    expect(v.chainRule).not.toBeNull();
  });

  it('Keep this run keeps the run once the kept runs’ code has arrived; a lesson’s runs are read with it', async () => {
    const c = controller();
    c.finishBatch();
    expect(runsCode.get()).toBeNull();
    c.keepRun();
    expect(c.getView().runs.kept).toHaveLength(0);
    expect(c.runsToPlain()).toEqual([]);
    await runsCode.load();
    await settle();
    const v = c.getView();
    expect(v.runs.kept.map((r) => r.label)).toEqual(['Run 1']);
    expect(v.runs.legend.map((d) => d.text)).toEqual(['same settings']);
    const plain = c.runsToPlain();
    expect(plain).toHaveLength(1);
    const other = controller();
    expect(other.setRunsFromPlain(plain)).toEqual([]);
    expect(other.getView().runs.kept.map((r) => r.id)).toEqual(['run-1']);
    other.removeRun('run-1');
    expect(other.getView().runs.kept).toHaveLength(0);
  });
});
