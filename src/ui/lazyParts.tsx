import { createElement, lazy, Suspense, useState, type ComponentType } from 'react';
import { chainRuleCode, gradcheckCode, quizCode, runsCode } from '../lab/lazyCode';
import { persistenceCode } from './usePersistence';

/** Every loader of lazyPart, for preloadLazyParts. */
const loaders: (() => Promise<unknown>)[] = [];

let markOpeningPainted: () => void = () => {};
/** Resolves once the opening screen has been painted (openingPainted), or after OPENING_WAIT_MS at most. */
let opening: Promise<void> | null = null;
/** How long a lazy part drawn before anyone calls openingPainted waits for it (a page that never calls it). */
const OPENING_WAIT_MS = 3000;

/**
 * Tells the lazy parts that the opening screen is on screen (main.tsx calls it after its first paint).
 * The parts drawn in the opening screen (the decision boundary, the gradient check and export cards)
 * fetch their chunks only from then on: their downloads, parses and stylesheets (each a restyle and
 * relayout of the page) no longer compete with the first render for the main thread.
 */
export function openingPainted(): void {
  markOpeningPainted();
  opening ??= Promise.resolve();
}

function openingShown(): Promise<void> {
  opening ??= new Promise<void>((resolve) => {
    markOpeningPainted = resolve;
    setTimeout(resolve, OPENING_WAIT_MS);
  });
  return opening;
}

/**
 * A component whose code is a chunk of its own, fetched the first time it is drawn (or by its
 * `preload`, or preloadLazyParts), but not before the opening screen has been painted
 * (openingPainted): until then it draws nothing (its own Suspense boundary, so no other part of the
 * screen waits for it). In the single file the chunk is inlined and arrives at once.
 */
function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> & { preload: () => Promise<unknown> } {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  /** The component once its chunk is here: drawn directly, in the same render as whatever shows it. */
  let loaded: ComponentType<P> | null = null;
  const once = () => (loading ??= openingShown().then(load).then((component) => {
    loaded = component;
    return { default: component };
  }));
  loaders.push(once);
  const Lazy = lazy(once);
  // Drawn when already loaded (preloaded, or drawn before): directly, not through React.lazy, whose first
  // render always suspends, and React may then hold the part back for up to 300 ms, long enough for a
  // click to pass a quiz question whose card had not appeared yet. Each instance keeps the way it was
  // first drawn, so a part drawn while loading is not remounted (losing its state) once it has loaded.
  function LazyPart(props: P) {
    const [direct] = useState(() => loaded);
    return direct ? createElement(direct, props) : <Suspense fallback={null}>{createElement(Lazy, props)}</Suspense>;
  }
  return Object.assign(LazyPart, { preload: once });
}

// Code that is not a component, fetched with the parts: keeping runs, and saving the lab (persistence.ts,
// which the first save after 300 ms asks for anyway).
loaders.push(() => runsCode.load(), () => persistenceCode.load());

/**
 * Fetches every lazy part (and the lab code above) once the browser is idle, so that opening one later (the chain rule of an
 * edge, the quiz, the keys' help) shows it at once. Failures are left for the part's own load to retry.
 */
export function preloadLazyParts(): void {
  const start = () => {
    for (const load of loaders) load().catch(() => {});
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 0);
}

// Off the opening screen, or below its fold (the extras), or shown only on demand.

/** The decision boundary (viz/DecisionBoundary.tsx), lazily. */
/**
 * The edge canvases of a large network (over CANVAS_EDGE_THRESHOLD edges: their raster, paint queue and
 * painter); the opening network's edges are SVG lines, so the opening bundle goes without them.
 */
export const EdgeCanvas = lazyPart(() => import('./viz/EdgeCanvas').then((m) => m.EdgeCanvas));
/** A neuron's or an edge's tooltip (viz/DiagramTooltip.tsx), lazily: drawn only when the pointer is over one. */
export const DiagramTooltip = lazyPart(() => import('./viz/DiagramTooltip').then((m) => m.DiagramTooltip));
/**
 * The banners above the lab (LabBanners.tsx), lazily: they show only while a link, lesson or saved lab is
 * being opened (the file it asks for, the replay's progress) and a lesson's title and notes.
 */
export const LabBanners = lazyPart(() => import('./LabBanners').then((m) => m.LabBanners));
export const DecisionBoundary = lazyPart(() => import('./viz/DecisionBoundary').then((m) => m.DecisionBoundary));
/** The gradient check card (GradientCheckPanel.tsx), lazily, drawn once the check's own code (LabController's gradcheckCode) is there too. */
export const GradientCheckPanel = lazyPart(() => Promise.all([import('./GradientCheckPanel'), gradcheckCode.load()]).then(([m]) => m.GradientCheckPanel));
/** The export card (ExportMenu.tsx), lazily; the export modules themselves load on a click (LabController.exportFile). */
export const ExportMenu = lazyPart(() => import('./ExportMenu').then((m) => m.ExportMenu));
/** The chain rule of a selected parameter (ChainRulePanel.tsx), lazily, with the lab's chain-rule code (lazyCode.ts). */
export const ChainRulePanel = lazyPart(() => Promise.all([import('./ChainRulePanel'), chainRuleCode.load()]).then(([m]) => m.ChainRulePanel));
/** The gradient-flow chart (viz/GradientFlowChart.tsx), lazily: drawn only after training. */
export const GradientFlowChart = lazyPart(() => import('./viz/GradientFlowChart').then((m) => m.GradientFlowChart));
/** The keyboard help dialog (KeyboardHelp.tsx), lazily. */
export const KeyboardHelp = lazyPart(() => import('./KeyboardHelp').then((m) => m.KeyboardHelp));
/**
 * The training card's Confusion tab (ConfusionTab.tsx), lazily: the latest evaluation's confusion matrices
 * (ConfusionMatrix.tsx) or, for a regression, predicted against actual (viz/PredictedActual.tsx).
 */
export const Confusion = lazyPart(() => import('./ConfusionTab').then((m) => m.Confusion));
/** The full matrices of an equation (MatrixDialog.tsx), lazily: opened on demand. */
export const MatrixDialog = lazyPart(() => import('./MatrixDialog').then((m) => m.MatrixDialog));
/** Presenter mode's top bar (PresenterBar.tsx), lazily: drawn only in presenter mode. */
export const PresenterBar = lazyPart(() => import('./PresenterBar').then((m) => m.PresenterBar));
/** "Keep this run" and the kept runs' legend (RunsPanel.tsx), lazily: under the loss chart, drawn after the first paint. */
export const RunsPanel = lazyPart(() => import('./RunsPanel').then((m) => m.RunsPanel));
/** Share link, Lesson, Open lesson and Start fresh (ShareBar.tsx), lazily: drawn in the header just after the first paint. */
export const ShareBar = lazyPart(() => import('./ShareBar').then((m) => m.ShareBar));
/**
 * The quiz card (QuizCard.tsx), lazily, with the quiz's code (lazyCode.ts); preloaded with the other
 * parts once the browser is idle, and by preloadQuiz when quiz mode is switched on, so that it is
 * drawn before the next step could pass its question.
 */
export const QuizCard = lazyPart(() => Promise.all([import('./QuizCard'), quizCode.load()]).then(([m]) => m.QuizCard));

/**
 * Loads the quiz card and the quiz's code; resolves when both are there (also when loading failed:
 * the card's own load retries). Quiz mode is switched on only then, so no question can be asked
 * before its card can be drawn.
 */
export function preloadQuiz(): Promise<void> {
  return QuizCard.preload().then(() => {}, () => {});
}
