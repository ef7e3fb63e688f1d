import { memo, useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Counters } from './Counters';
import { HyperparameterPanel } from './HyperparameterPanel';
import { Metrics } from './Metrics';
import { EquationPanel as EquationList } from './EquationPanel';
import { DataPanel as DataPanelView } from './DataPanel';
import { NetworkDiagram as Diagram } from './viz/NetworkDiagram';
import { REVEAL_ALL, revealedUpTo } from './viz/reveal';
import { Transport } from './Transport';
import { useKeyboard } from './useKeyboard';
import { useLab } from './useLab';
import { useEquationsAfterPlay, usePlayLoop } from './usePlayLoop';
import { LossChart } from './viz/LossChart';
import { useFiles } from './useFiles';
import { usePersistence } from './usePersistence';
import { useUndoKey } from './useUndoKey';
import './teaching.css';
// The header's, banners' and share bar's styles (share.css), in the opening stylesheet though ShareBar itself loads after the first paint.
import './share.css';
import { SkipLinks } from './SkipLinks';
import { usePresenter } from './usePresenter';
import './presenter.css';
import { QuizControls } from './QuizControls';
import { InsightTabs, type InsightTab } from './InsightTabs';
import { boundaryMode } from '../lab/boundaryMode';
import type { QuizPhases } from '../lab/quiz';
import { PrintingContext, usePrinting } from './printing';
// Not needed for the opening screen's first paint: each is a chunk of its own (see lazyParts.tsx).
import { ChainRulePanel, Confusion, DecisionBoundary, ExportMenu, GradientCheckPanel, GradientFlowChart, KeyboardHelp, LabBanners, PresenterBar, preloadQuiz, QuizCard, RunsPanel, ShareBar } from './lazyParts';

/** Memoised: re-renders only when the equations, the current index or the sample change. */
const EquationPanel = memo(EquationList);
const NetworkDiagram = memo(Diagram);
const DataPanel = memo(DataPanelView);

/**
 * The lab's screen, rendered from the LabView alone: data and hyperparameters on the left, the network
 * diagram with the counters and transport, metrics and loss chart in the centre, the equations of the
 * batch on the right. Every control calls an action of the controller. On wide screens the page fits the
 * window and each column scrolls on its own (see app.css for the narrower arrangements).
 */
export function App() {
  const { controller, view, actions } = useLab();
  const [help, setHelp] = useState(false);
  const files = useFiles(controller);
  const lesson = usePersistence(controller, view, files.load);
  usePlayLoop(controller, view.playing, view.restoring !== null);
  useUndoKey(actions.undo);
  const presenter = view.presenter;
  const printing = usePrinting();
  // On a wide screen the counters and transport head the equations' column, so the centre column keeps the
  // diagram and the charts in view at 1280×720; presenter mode and narrower screens keep them under the diagram.
  const deckBeside = useMediaQuery(WIDE) && !presenter.on;
  usePresenter(controller, presenter.on);
  useKeyboard({
    next: actions.stepEquation,
    finishBatch: actions.finishBatch,
    back: actions.stepBack,
    playPause: actions.togglePlay,
    reset: actions.reset,
    toggleHelp: () => setHelp((h) => !h),
    closeHelp: () => setHelp(false),
  });

  const { dataset, diagram, equations, current } = view;
  // When play stops, the stopped frame is painted first and the caught-up list a task later.
  const list = useEquationsAfterPlay(equations, current, view.equationsFrozen);
  // The diagram shows only what the equations so far have computed (no gradient during the forward pass).
  const revealed = useMemo(() => (diagram.equation ? revealedUpTo(equations, current) : REVEAL_ALL), [diagram.equation, equations, current]);
  const dataModel = useMemo(() => ({ controller, view: view.data, upload: files.upload, progress: files.progress }), [controller, view.data, files.upload, files.progress]);
  const onSpeed = actions.setSpeed;
  const onSelectSample = useCallback((index: number) => actions.setSample(index), [actions]);
  // Quiz mode goes on once the quiz card and the quiz's code are loaded (preloadQuiz; at once after the idle
  // preload), so no step can ask a question before its card can be drawn (a late card let the next click pass it by).
  // The latest choice wins: switched off (or to other phases) while loading, the earlier request is dropped.
  const quizWanted = useRef<{ on: boolean; phases: QuizPhases } | null>(null);
  const onQuiz = useCallback((on: boolean, phases: QuizPhases) => {
    const wanted = { on, phases };
    quizWanted.current = wanted;
    if (on) void preloadQuiz().then(() => { if (quizWanted.current === wanted) controller.setQuiz(true, phases); });
    else controller.setQuiz(false, phases);
  }, [controller]);
  const onSelectEdge = useCallback((sel: { layer: number; j: number; k: number | 'bias' }) => controller.selectParameter({ layer: sel.layer, neuron: sel.j, source: sel.k }), [controller]);

  const deck = dataset && (
    <div className="panel deck">
      <Counters
        epoch={view.counters.epoch}
        batch={view.counters.batch}
        batchCount={view.counters.batchCount}
        update={view.counters.update}
        behind={view.counters.behind}
        phase={view.phaseLabel}
      />
      <Transport
        actions={actions}
        playing={view.playing}
        onPlayPause={actions.togglePlay}
        speed={view.settings.speed}
        onSpeed={onSpeed}
        canStepBack={view.can.stepBack}
        halted={view.divergence !== null}
      />
      {view.divergence && <p className="alert" role="alert" data-testid="divergence-message">{view.divergence}</p>}
      {view.notices.map((n, i) => (
        <p key={i} className={`notice ${n.kind}`} data-testid="lab-notice">{n.text}</p>
      ))}
      {view.chainRule && <ChainRulePanel explanation={view.chainRule} onClose={() => controller.selectParameter(null)} />}
      {view.undoLabel && (
        <p className="notice undo-row">
          <button type="button" className="small" data-testid="undo" onClick={actions.undo} disabled={!view.can.undo} title="Undo (Ctrl+Z)">
            Undo {view.undoLabel}
          </button>
        </p>
      )}
    </div>
  );
  const insightTabs = dataset ? chartTabs(view, controller) : [];

  return (
    <div className={`app${presenter.on ? ` presenter pane-${presenter.pane}` : ''}`} data-version={view.version}>
      <SkipLinks />
      {presenter.on && <PresenterBar label={view.counters.label} pane={presenter.pane} onPresenter={(on, pane) => controller.setPresenter(on, pane)} />}
      <header className="app-header">
        <h1>Backprop Lab</h1>
        <p className="tagline">Backpropagation on mini-batches, one equation at a time.</p>
        <div className="header-actions">
          <ShareBar controller={controller} lesson={lesson} />
          {!presenter.on && (
            <button type="button" className="small" data-testid="presenter-toggle" aria-pressed="false" onClick={() => controller.setPresenter(true)} title="Presenter mode for a projector (F)">
              Present (F)
            </button>
          )}
          <button type="button" className="small quiet" onClick={() => setHelp(true)} aria-haspopup="dialog" data-testid="keys-button">Keys ?</button>
        </div>
      </header>
      <LabBanners view={view} lesson={lesson.meta} onCancel={() => controller.cancelPending()} onUpload={files.upload} />
      <main className="lab-grid">
        <aside className="col-left" aria-label="Data and network settings">
          <DataPanel model={dataModel} />
          {dataset && (
            <HyperparameterPanel settings={view.settings} task={dataset.task} trainRows={dataset.trainRows} inputs={dataset.inputs} outputs={dataset.outputs} onChange={actions.applySettings} />
          )}
        </aside>
        <section className="col-centre" aria-label="Network and training">
          {!dataset && <p className="muted loading">Loading a dataset…</p>}
          {dataset && (
            <div className="centre-grid">
              <div className="panel diagram-frame">
                <NetworkDiagram
                  sizes={diagram.sizes}
                  featureNames={dataset.featureNames}
                  outputNames={dataset.outputNames}
                  params={diagram.params}
                  record={diagram.record}
                  equation={diagram.equation}
                  sampleIndex={view.sample}
                  large={presenter.on}
                  revealed={revealed}
                  onSelectEdge={onSelectEdge}
                  playing={view.playing}
                />
              </div>
              {!deckBeside && deck}
              <section className="panel stats insight" aria-label="Training progress">
                <InsightTabs label="Training charts" tabs={insightTabs} all={presenter.on} />
              </section>
              {/* Small cards below the metrics; a grid of ~18rem columns. */}
              <div className="extras-slot">
                {view.flow && view.flow.total > 0 && (
                  <section className="panel extras gradient-flow-card" aria-label="Gradient flow">
                    <h2>Gradient flow</h2>
                    <GradientFlowChart flow={view.flow} histograms={view.histograms} />
                  </section>
                )}
                <GradientCheckPanel controller={controller} version={view.version} />
                <ExportMenu controller={controller} view={view} />
              </div>
            </div>
          )}
        </section>
        <div className="col-side">
        {deckBeside && deck}
        <section className="col-right" aria-labelledby="equations-title">
          <h2 className="equations-title" id="equations-title">Equations of this batch</h2>
          <QuizControls quiz={view.quiz} onChange={onQuiz} />
          {view.quiz.question && (
            <QuizCard question={view.quiz.question} score={view.quiz.score} onAnswer={(v) => controller.answerQuiz(v.right)} onContinue={() => controller.revealQuiz()} />
          )}
          {list.frozen && <p className="notice" data-testid="equations-paused-note">Training at full speed: the equations of the batch on screen appear when you pause.</p>}
          <div className={`equations-body${list.frozen ? ' stale' : ''}`}>
            <PrintingContext.Provider value={printing}>
              <EquationPanel equations={list.equations} current={list.current} onSelect={actions.selectEquation} onSelectSample={onSelectSample} sampleIndex={view.sample} />
            </PrintingContext.Provider>
          </div>
        </section>
        </div>
      </main>
      {help && <KeyboardHelp onClose={() => setHelp(false)} />}
    </div>
  );
}

/** Where the counters and transport move beside the equations (app.css's wide layout). */
const WIDE = '(min-width: 1201px)';

/** Whether the media query matches now, kept up to date (false where matchMedia is missing). */
function useMediaQuery(query: string): boolean {
  // One MediaQueryList, read at each render: a new matchMedia() at every render of the page (each frame of play) showed in the play profile.
  const list = useMemo(() => (typeof matchMedia === 'function' ? matchMedia(query) : null), [query]);
  const subscribe = useCallback((onChange: () => void) => {
    if (!list) return () => undefined;
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [list]);
  return useSyncExternalStore(subscribe, () => list?.matches ?? false, () => false);
}

type View = ReturnType<typeof useLab>['view'];

/**
 * The tabs of the training card: the metrics with the loss chart and the kept runs; the decision boundary
 * (two features) or the output curve (one feature); the latest evaluation's confusion matrices, or
 * predicted against actual for a regression. Only the tabs that have something to show.
 */
function chartTabs(view: View, controller: ReturnType<typeof useLab>['controller']): InsightTab[] {
  const { dataset, diagram } = view;
  if (!dataset) return [];
  const tabs: InsightTab[] = [{
    id: 'loss',
    label: 'Loss',
    content: (
      <div className="loss-card">
        <Metrics latest={view.metrics.latest} task={dataset.task} batchLoss={view.metrics.currentLoss} onEvaluate={() => controller.evaluateNow()} l2={view.settings.l2} />
        <div className="loss-card-chart">
          <LossChart
            batchLoss={view.metrics.batchLoss} batchCount={view.metrics.batchLossCount} epochs={view.metrics.epochs} epochCount={view.metrics.epochCount}
            keptRuns={view.runs.kept} differences={view.runs.legend} markers={view.runs.markers}
          />
          <RunsPanel runs={view.runs.legend} onKeep={() => controller.keepRun()} onRemove={(id) => controller.removeRun(id)} canKeep={view.counters.update > 0} note={view.runs.note} />
        </div>
      </div>
    ),
  }];
  const mode = boundaryMode(dataset);
  if (mode !== null && diagram.params.length > 0) {
    tabs.push({
      id: 'boundary',
      label: mode === 'plane' ? 'Decision boundary' : 'Output curve',
      content: <DecisionBoundary dataset={dataset.rows} params={diagram.params} settings={view.settings} batchIndices={diagram.batchIndices} sampleIndex={view.sample} />,
    });
  }
  if (view.metrics.latest) {
    tabs.push({ id: 'confusion', label: dataset.task === 'regression' ? 'Predicted vs actual' : 'Confusion', content: <Confusion view={view} /> });
  }
  return tabs;
}
