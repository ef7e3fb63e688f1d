/**
 * The runs a user kept to compare with (at most 4, the oldest goes): their curves, the note of the
 * last change and the legend that says how each differs from the run on screen. runsKeep.ts, which
 * keeps and compares them, loads on the first "Keep this run".
 */
import { runsCode } from './lazyCode';
import type { LabSession, Notice } from './session';
import type { LabSettings } from './settings';
import type { KeptRun, PlainRun, RunDifferences } from './runs';

/** What the shelf needs from the lab. */
export interface RunShelfHost {
  session(): LabSession | null;
  /** The kept runs changed: a new view is due. */
  touch(): void;
  say(notice: Notice): void;
}

/** The kept runs of one lab; see the module comment. */
export class RunShelf {
  kept: KeptRun[] = [];
  /** Why a run went (the fifth one kept), or null. */
  note: string | null = null;

  constructor(private readonly host: RunShelfHost) {}

  /** Pins the current run's curves; the first time, once runsKeep.ts has loaded. */
  keep(): void {
    const s = this.host.session();
    if (!s || s.network.updates === 0) return;
    const code = runsCode.get();
    if (!code) {
      runsCode.load().then(() => this.keep(), () => this.host.say({ kind: 'info', text: 'The run could not be kept: its code did not load.' }));
      return;
    }
    const { runs, dropped } = code.keepRun(this.kept, { dataset: s.dataset.name, settings: s.settings, batchLoss: s.metrics.batchLoss, epochs: s.metrics.epochs, changes: s.schedule });
    this.kept = runs;
    this.note = dropped ? `${dropped.label} was dropped: at most 4 runs are kept.` : null;
    this.host.touch();
  }

  remove(id: string): void {
    this.kept = runsCode.get()?.removeRun(this.kept, id) ?? this.kept;
    this.note = null;
    this.host.touch();
  }

  /** How each kept run differs from the run on screen (none before runsKeep.ts has loaded: then none is kept). */
  legend(settings: LabSettings): RunDifferences[] {
    const s = this.host.session();
    return s ? runsCode.get()?.describeDifferences(this.kept, { settings, dataset: s.dataset.name }) ?? [] : [];
  }

  /** The kept runs as plain data (they travel in the lesson file); none before runsKeep.ts has loaded. */
  toPlain(): PlainRun[] {
    return runsCode.get()?.runsToPlain(this.kept) ?? [];
  }

  /** Kept runs from a lesson file (validated); returns what was refused. Needs runsKeep.ts loaded (else it starts the load and refuses them). */
  setFromPlain(plain: unknown): string[] {
    const code = runsCode.get();
    if (!code) runsCode.load().catch(() => {});
    const { runs, errors } = code ? code.runsFromPlain(plain) : { runs: [], errors: plain === undefined || plain === null ? [] : ['runs: their code was still loading'] };
    this.kept = runs;
    this.host.touch();
    return errors;
  }
}
