import { memo, useCallback, useMemo, useState } from 'react';
import { defaultSettings, type LabSettings, type PlaySpeed } from '../lab/settings';
import { equationsOf } from '../lab/history';
import type { LabDataset } from '../lab/dataset';
import type { Equation } from '../trace';
import { Counters } from './Counters';
import { HyperparameterPanel } from './HyperparameterPanel';
import { KeyboardHelp } from './KeyboardHelp';
import { Metrics } from './Metrics';
import { EquationPanel as EquationList } from './EquationPanel';
import { PlaceholderDataPanel as DataPanel } from './placeholders';
import { NetworkDiagram as Diagram } from './viz/NetworkDiagram';
import { Transport } from './Transport';
import { useKeyboard } from './useKeyboard';
import { useLab } from './useLab';
import { usePlayLoop } from './usePlayLoop';
import { LossChart } from './viz/LossChart';

const NO_EQUATIONS: Equation[] = [];
/** Memoised: re-renders only when the equations, the current index or the sample change. */
const EquationPanel = memo(EquationList);
const NetworkDiagram = memo(Diagram);
const INITIAL_SETTINGS = defaultSettings();

/**
 * The lab's screen: data and hyperparameters on the left, the network diagram with the transport,
 * counters, metrics and loss chart in the centre, the equations of the batch on the right.
 */
export function App() {
  const { store, session, version, actions } = useLab(INITIAL_SETTINGS);
  const [playing, setPlaying] = useState(false);
  const [help, setHelp] = useState(false);
  const [sampleIndex, setSampleIndex] = useState(0);
  const settings = session?.settings ?? INITIAL_SETTINGS;

  const stop = useCallback(() => setPlaying(false), []);
  usePlayLoop(store, playing, settings.speed, stop);
  const halted = session?.divergence != null;
  const playPause = useCallback(() => setPlaying((p) => !p && !store.session?.divergence), [store]);
  const reset = useCallback(() => { setPlaying(false); actions.reset(); }, [actions]);
  const newSeed = useCallback(() => { setPlaying(false); actions.newSeed(); }, [actions]);
  const transportActions = useMemo(() => ({ ...actions, reset, newSeed }), [actions, reset, newSeed]);
  const onDataset = useCallback((dataset: LabDataset) => { setPlaying(false); store.setDataset(dataset); }, [store]);
  const onSettings = useCallback((next: LabSettings) => actions.applySettings(next), [actions]);
  const onSpeed = useCallback((speed: PlaySpeed) => store.act((s) => s.applySettings({ ...s.settings, speed })), [store]);
  const onSelectEquation = useCallback((index: number) => store.act((s) => s.selectEquation(index)), [store]);

  useKeyboard({
    next: () => !playing && actions.stepEquation(),
    finishBatch: () => !playing && actions.finishBatch(),
    back: () => !playing && actions.stepBack(),
    playPause,
    reset,
    toggleHelp: () => setHelp((h) => !h),
    closeHelp: () => setHelp(false),
  });

  // What is on screen, derived from the session at this version.
  const entry = session?.entry ?? null;
  const equations = session && entry ? equationsOf(session.dataset, entry) : NO_EQUATIONS;
  const equationIndex = entry && session ? Math.min(session.cursor.equation, equations.length - 1) : -1;
  const equation = equationIndex >= 0 ? equations[equationIndex] : null;
  const initialParams = session?.initialParams;
  // paramsAtCursor depends only on the entry, the equation index and (before training) the initial parameters.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const params = useMemo(() => session?.paramsAtCursor() ?? [], [session, entry, equationIndex, initialParams]);
  const sizesKey = session ? session.sizes.join('-') : '';
  const sizes = useMemo(() => (sizesKey ? sizesKey.split('-').map(Number) : []), [sizesKey]);
  const dataset = session?.dataset ?? null;
  const outputNames = useMemo(() => (dataset ? outputNamesOf(dataset) : []), [dataset]);
  const m = entry?.record.m ?? 0;
  const sample = m > 0 ? Math.min(sampleIndex, m - 1) : 0;
  const newest = session ? session.history.length - 1 : -1;
  const batcher = session?.batcher;
  const metrics = session?.metrics;

  return (
    <div className="app" data-version={version}>
      <header className="app-header">
        <h1>Backprop Lab</h1>
        <p className="tagline">Backpropagation on mini-batches, one equation at a time.</p>
        <button type="button" className="small quiet" onClick={() => setHelp(true)} aria-haspopup="dialog" data-testid="keys-button">Keys ?</button>
      </header>
      <main className="lab-grid">
        <aside className="col-left">
          <DataPanel onDataset={onDataset} seed={settings.seed} />
          {session && (
            <HyperparameterPanel
              settings={settings}
              task={session.dataset.task}
              trainRows={session.dataset.train.X.cols}
              inputs={session.dataset.featureNames.length}
              outputs={session.dataset.outputSize}
              onChange={onSettings}
            />
          )}
        </aside>
        <section className="col-centre" aria-label="Network and training">
          {!session && <p className="muted loading">Loading a dataset…</p>}
          {session && dataset && (
            <>
              <div className="panel diagram-frame">
                <NetworkDiagram
                  sizes={sizes}
                  featureNames={dataset.featureNames}
                  outputNames={outputNames}
                  params={params}
                  record={entry?.record ?? null}
                  equation={equation}
                  sampleIndex={sample}
                />
              </div>
              <Counters
                epoch={entry ? entry.epoch + 1 : (batcher?.epoch ?? 0) + 1}
                batch={entry ? entry.batchIndex + 1 : 0}
                batchCount={entry ? entry.batchCount : batcher?.batchesPerEpoch ?? 0}
                update={entry ? entry.update : 0}
                behind={Math.max(0, newest - session.cursor.entry)}
                phase={equation ? `${equation.phase}${equation.layer > 0 ? `, layer ${equation.layer}` : ''}` : ''}
              />
              <Transport
                actions={transportActions}
                playing={playing}
                onPlayPause={playPause}
                speed={settings.speed}
                onSpeed={onSpeed}
                canStepBack={session.cursor.entry >= 0}
                halted={halted}
              />
              {session.divergence && <p className="alert" role="alert" data-testid="divergence-message">{session.divergence}</p>}
              {session.notice && <p className={`notice ${session.notice.kind}`} data-testid="lab-notice">{session.notice.text}</p>}
              {metrics && (
                <>
                  <Metrics latest={metrics.latest} task={dataset.task} batchLoss={entry?.record.loss ?? null} onEvaluate={actions.evaluateNow} />
                  <LossChart batchLoss={metrics.batchLoss} batchCount={metrics.batchLoss.length} epochs={metrics.epochs} epochCount={metrics.epochs.length} />
                </>
              )}
            </>
          )}
        </section>
        <section className="col-right" aria-label="Equations">
          <h2 className="equations-title">Equations of this batch</h2>
          {equations.length === 0 && <p className="muted">Press <kbd>→</kbd> or “Step equation” to train the first batch and see its equations.</p>}
          <EquationPanel equations={equations} current={equationIndex} onSelect={onSelectEquation} onSelectSample={setSampleIndex} sampleIndex={sample} />
        </section>
      </main>
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

/** Names of the output neurons: the target for one output, the classes for a softmax. */
function outputNamesOf(dataset: LabDataset): string[] {
  if (dataset.outputSize === 1) return [dataset.targetName];
  return dataset.classes.slice(0, dataset.outputSize);
}
