import { memo, useCallback, useMemo, useState } from 'react';
import { defaultSettings, type LabSettings, type PlaySpeed } from '../lab/settings';
import { SPEED_SPECS } from '../lab/play';
import type { LabSession } from '../lab/session';
import { equationsOf } from '../lab/history';
import type { LabDataset } from '../lab/dataset';
import type { Equation } from '../trace';
import { Counters } from './Counters';
import { HyperparameterPanel } from './HyperparameterPanel';
import { KeyboardHelp } from './KeyboardHelp';
import { Metrics } from './Metrics';
import { EquationPanel as EquationList } from './EquationPanel';
import { DataPanel as DataPanelView } from './DataPanel';
import { NetworkDiagram as Diagram } from './viz/NetworkDiagram';
import { REVEAL_ALL, revealedUpTo } from './viz/reveal';
import { Transport } from './Transport';
import { useKeyboard } from './useKeyboard';
import { useLab } from './useLab';
import { usePlayLoop } from './usePlayLoop';
import { LossChart } from './viz/LossChart';
import { DecisionBoundary } from './viz/DecisionBoundary';
import { GradientCheckPanel } from './GradientCheckPanel';
import { ExportMenu } from './ExportMenu';

const NO_EQUATIONS: Equation[] = [];
/** Memoised: re-renders only when the equations, the current index or the sample change. */
const EquationPanel = memo(EquationList);
const NetworkDiagram = memo(Diagram);
const DataPanel = memo(DataPanelView);
const INITIAL_SETTINGS = defaultSettings();
/** During batch play the diagram is redrawn at most 10 times a second (each redraw restyles every edge). */
const DIAGRAM_INTERVAL_MS = 100;

/**
 * The lab's screen: data and hyperparameters on the left, the network diagram with the counters and
 * transport, metrics and loss chart in the centre, the equations of the batch on the right. On wide
 * screens the page fits the window and each column scrolls on its own (see app.css for the narrower
 * arrangements).
 */
export function App() {
  const { store, session, version, actions } = useLab(INITIAL_SETTINGS);
  const [playing, setPlaying] = useState(false);
  const [help, setHelp] = useState(false);
  const [sampleIndex, setSampleIndex] = useState(0);
  const settings = session?.settings ?? INITIAL_SETTINGS;

  // While batches play, the equation list keeps the batch it showed when play started (KaTeX for
  // every frame's batch would not fit in a frame); it catches up on pause.
  const [frozen, setFrozen] = useState<Frozen | null>(null);
  const freeze = useCallback(() => setFrozen(frozenOf(store.session)), [store]);
  const stop = useCallback(() => { setPlaying(false); setFrozen(null); }, []);
  usePlayLoop(store, playing, settings.speed, stop);
  const halted = session?.divergence != null;
  const playPause = useCallback(() => {
    if (playing) stop();
    else if (!store.session?.divergence) {
      freeze();
      setPlaying(true);
    }
  }, [playing, stop, freeze, store]);
  const reset = useCallback(() => { stop(); actions.reset(); }, [actions, stop]);
  const newSeed = useCallback(() => { stop(); actions.newSeed(); }, [actions, stop]);
  const transportActions = useMemo(() => ({ ...actions, reset, newSeed }), [actions, reset, newSeed]);
  const onDataset = useCallback((dataset: LabDataset) => { stop(); store.setDataset(dataset); }, [store, stop]);
  const onSettings = useCallback((next: LabSettings) => actions.applySettings(next), [actions]);
  const onSpeed = useCallback((speed: PlaySpeed) => {
    freeze();
    store.act((s) => s.applySettings({ ...s.settings, speed }));
  }, [store, freeze]);
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
  const fastPlay = playing && SPEED_SPECS[settings.speed].unit === 'batch';
  const entry = session?.entry ?? null;
  const live = !fastPlay && session && entry ? equationsOf(session.dataset, entry) : NO_EQUATIONS;
  const liveIndex = entry && session ? Math.min(session.cursor.equation, live.length - 1) : -1;
  const equations = fastPlay ? frozen?.equations ?? NO_EQUATIONS : live;
  const equationIndex = fastPlay ? frozen?.index ?? -1 : liveIndex;
  // The diagram follows the newest batch during play, without highlights (no trace is built).
  const equation = !fastPlay && liveIndex >= 0 ? live[liveIndex] : null;
  // The diagram shows only what the equations so far have computed (no gradient during the forward pass).
  const revealed = useMemo(() => (equation ? revealedUpTo(live, liveIndex) : REVEAL_ALL), [equation, live, liveIndex]);
  const initialParams = session?.initialParams;
  // The diagram depends only on the entry, the equation index and (before training) the initial
  // parameters; during batch play it is redrawn at most every DIAGRAM_INTERVAL_MS, not every frame.
  const tick = fastPlay ? Math.floor(store.publishedAt / DIAGRAM_INTERVAL_MS) : -1;
  const { params, record } = useMemo(
    () => ({ params: session?.paramsAtCursor() ?? [], record: session && entry ? session.recordOf(entry) : null }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, fastPlay ? tick : entry, fastPlay ? -1 : equationIndex, initialParams],
  );
  const sizesKey = session ? session.sizes.join('-') : '';
  const sizes = useMemo(() => (sizesKey ? sizesKey.split('-').map(Number) : []), [sizesKey]);
  const dataset = session?.dataset ?? null;
  const outputNames = useMemo(() => (dataset ? outputNamesOf(dataset) : []), [dataset]);
  const m = entry?.m ?? 0;
  const sample = m > 0 ? Math.min(sampleIndex, m - 1) : 0;
  const newest = session ? session.history.length - 1 : -1;
  const batcher = session?.batcher;
  const metrics = session?.metrics;

  return (
    <div className="app" data-version={version}>
      <header className="app-header">
        <h1>Backprop Lab</h1>
        <p className="tagline">Backpropagation on mini-batches, one equation at a time.</p>
        <div className="header-actions">
          {/* Room for compact header menus (e.g. Export as a <details className="header-menu">). */}
          <button type="button" className="small quiet" onClick={() => setHelp(true)} aria-haspopup="dialog" data-testid="keys-button">Keys ?</button>
        </div>
      </header>
      <main className="lab-grid">
        <aside className="col-left" aria-label="Data and network settings">
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
            <div className="centre-grid">
              <div className="panel diagram-frame">
                <NetworkDiagram
                  sizes={sizes}
                  featureNames={dataset.featureNames}
                  outputNames={outputNames}
                  params={params}
                  record={record}
                  equation={equation}
                  sampleIndex={sample}
                  revealed={revealed}
                />
              </div>
              {/* Beside the diagram when the centre is wide, else below the loss chart; hidden while empty
                  (the boundary draws only for datasets with one or two features). */}
              <div className="boundary-slot">
                <DecisionBoundary dataset={dataset} params={params} settings={settings} batchIndices={entry?.indices ?? null} sampleIndex={sample} />
              </div>
              <div className="panel deck">
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
              </div>
              {metrics && (
                <div className="panel stats">
                  <Metrics latest={metrics.latest} task={dataset.task} batchLoss={entry?.loss ?? null} onEvaluate={actions.evaluateNow} />
                  <LossChart batchLoss={metrics.batchLoss} batchCount={metrics.batchLoss.length} epochs={metrics.epochs} epochCount={metrics.epochs.length} />
                </div>
              )}
              {/* Small cards below the metrics; a grid of ~18rem columns. */}
              <div className="extras-slot">
                <GradientCheckPanel session={session} version={version} />
                <ExportMenu session={session} version={version} />
              </div>
            </div>
          )}
        </section>
        <section className="col-right" aria-labelledby="equations-title">
          <h2 className="equations-title" id="equations-title">Equations of this batch</h2>
          {fastPlay && <p className="notice" data-testid="equations-paused-note">Training at full speed: the equations of the batch on screen appear when you pause.</p>}
          <div className={`equations-body${fastPlay ? ' stale' : ''}`}>
            <EquationPanel equations={equations} current={equationIndex} onSelect={onSelectEquation} onSelectSample={setSampleIndex} sampleIndex={sample} />
          </div>
        </section>
      </main>
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

/** The equation list as it was when batch play started. */
interface Frozen { equations: Equation[]; index: number }

function frozenOf(session: LabSession | null): Frozen | null {
  const entry = session?.entry;
  if (!session || !entry) return null;
  const equations = equationsOf(session.dataset, entry);
  return { equations, index: Math.min(session.cursor.equation, equations.length - 1) };
}

/** Names of the output neurons: the target for one output, the classes for a softmax. */
function outputNamesOf(dataset: LabDataset): string[] {
  if (dataset.outputSize === 1) return [dataset.targetName];
  return dataset.classes.slice(0, dataset.outputSize);
}
