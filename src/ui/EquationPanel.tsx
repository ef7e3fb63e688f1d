import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { batchSizeOf, type Equation, type EquationPhase } from '../trace';
import { EquationItem, type EquationStatus } from './EquationItem';
import { EQUATION_SCROLL_CLASS } from './EquationItem';
import { MatrixDialog } from './lazyParts';
import { announce, LiveRegion } from './LiveRegion';
import { describeEquation } from './spoken';
import './equations.css';
import './print.css';

export interface EquationPanelProps {
  /** The equations of the step shown (buildTrace), in order. */
  equations: Equation[];
  /** Index of the current equation in `equations`. */
  current: number;
  onSelect?: (index: number) => void;
  /** Choose the sample (0-based batch column) the diagram follows. */
  onSelectSample?: (column: number) => void;
  sampleIndex?: number;
}

/** Id of the equation list, the target of the "skip to the equations" link. */
export const EQUATIONS_ID = 'equations';

const PHASE_TITLES: Record<EquationPhase, string> = {
  normalize: 'Normalise the batch',
  forward: 'Forward pass',
  loss: 'Loss',
  backward: 'Backward pass',
  update: 'Update the parameters',
};

/** The equations whose numbers are kept ready (indices into `equations`, drawn with `sampleIndex` followed). */
interface Ahead {
  equations: Equation[];
  sampleIndex: number;
  indices: readonly number[];
}

/**
 * Runs each of `works` in a task of its own once the frame in preparation has been painted (an animation
 * frame, then a timeout per work); returns a cancel for those that have not run.
 */
function afterPaint(works: (() => void)[]): () => void {
  const timers: ReturnType<typeof setTimeout>[] = [];
  const queue = () => works.forEach((work, i) => timers.push(setTimeout(work, i)));
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(queue) : null;
  if (frame === null) queue();
  return () => {
    if (frame !== null) cancelAnimationFrame(frame);
    timers.forEach(clearTimeout);
  };
}

/**
 * The equations to keep ready around `current`, in two steps: first the next one (stepping on is the common
 * move), then also the one before (Back). The current one and those already kept within one of it stay kept,
 * so the equation just left keeps its numbers in the page rather than typesetting them again.
 */
export function aheadIndices(current: number, count: number, kept: readonly number[], withPrevious: boolean): number[] {
  const near = new Set(kept.filter((i) => Math.abs(i - current) <= 1));
  near.add(current);
  if (current + 1 < count) near.add(current + 1);
  if (withPrevious && current - 1 >= 0) near.add(current - 1);
  return [...near].filter((i) => i >= 0 && i < count).sort((a, b) => a - b);
}

interface Group {
  phase: EquationPhase;
  items: { equation: Equation; index: number }[];
}

function groupByPhase(equations: Equation[]): Group[] {
  const groups: Group[] = [];
  equations.forEach((equation, index) => {
    const last = groups[groups.length - 1];
    if (last && last.phase === equation.phase) last.items.push({ equation, index });
    else groups.push({ phase: equation.phase, items: [{ equation, index }] });
  });
  return groups;
}

/** "sample 3 of 50" with previous / next buttons; the diagram follows the chosen column. */
function SamplePicker({ m, sampleIndex, onSelectSample }: { m: number; sampleIndex: number; onSelectSample: (column: number) => void }) {
  const go = (j: number) => onSelectSample(Math.min(m - 1, Math.max(0, j)));
  return (
    <div className="sample-picker" data-testid="sample-picker">
      <button type="button" aria-label="Previous sample" disabled={sampleIndex <= 0} onClick={() => go(sampleIndex - 1)}>‹</button>
      <label>
        sample{' '}
        <input
          type="number"
          min={1}
          max={m}
          value={sampleIndex + 1}
          onChange={(e) => {
            const v = Number(e.target.value);
            if (Number.isInteger(v)) go(v - 1);
          }}
        />{' '}
        of {m}
      </label>
      <button type="button" aria-label="Next sample" disabled={sampleIndex >= m - 1} onClick={() => go(sampleIndex + 1)}>›</button>
    </div>
  );
}

/**
 * The equations of one training step, grouped by phase. The current one is highlighted
 * (data-testid current-equation, aria-current="step") and scrolled into view; earlier ones show
 * their symbols and shapes (numbers on request), later ones only their symbols, dimmed. Each shown
 * equation opens its full matrices (MatrixDialog) and copies as LaTeX.
 */
export function EquationPanel({ equations, current, onSelect, onSelectSample, sampleIndex = 0 }: EquationPanelProps) {
  const groups = useMemo(() => groupByPhase(equations), [equations]);
  const m = useMemo(() => batchSizeOf(equations), [equations]);
  // The equation itself, not its index: stepping on (a new batch) must not change what the dialog shows.
  const [expanded, setExpanded] = useState<{ equation: Equation; m: number } | null>(null);

  // Stable callbacks keep the memoised items from re-rendering when the parent re-renders.
  const onSelectRef = useRef(onSelect);
  const onSelectSampleRef = useRef(onSelectSample);
  const equationsRef = useRef(equations);
  useEffect(() => {
    onSelectRef.current = onSelect;
    onSelectSampleRef.current = onSelectSample;
    equationsRef.current = equations;
  });
  const select = useCallback((index: number) => onSelectRef.current?.(index), []);
  const selectSample = useCallback((column: number) => onSelectSampleRef.current?.(column), []);
  const expand = useCallback((index: number) => {
    const list = equationsRef.current;
    setExpanded(list[index] ? { equation: list[index], m: batchSizeOf(list) } : null);
  }, []);
  const closeDialog = useCallback(() => setExpanded(null), []);

  // While the class reads this equation, the numbers of the one after and the one before are typeset and
  // laid out, hidden (EquationItem's `ahead`), so that stepping either way only reveals a box that is ready.
  // That work runs once this step has been painted, each neighbour in a task of its own that commits at once
  // (flushSync) and lays the box out (a forced layout): nothing of it is left for the next click to finish.
  // (Waiting for an idle period instead often left the next equation untypeset at a quick next click.)
  // Kept for this step and this sample only: a new batch or another sample never re-renders them on the click.
  const [ahead, setAhead] = useState<Ahead | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (equations.length === 0 || current < 0) return;
    const keep = (withPrevious: boolean) => () => {
      flushSync(() => setAhead((last) => {
        const kept = last && last.equations === equations && last.sampleIndex === sampleIndex ? last.indices : [];
        const indices = aheadIndices(current, equations.length, kept, withPrevious);
        return indices.length === kept.length && indices.every((i, k) => i === kept[k]) ? last : { equations, sampleIndex, indices };
      }));
      // Style and lay the new box out now, not at the next click.
      void scrollRef.current?.offsetHeight;
    };
    return afterPaint([keep(false), keep(true)]);
  }, [equations, current, sampleIndex]);
  const aheadSet = useMemo(
    () => (ahead !== null && ahead.equations === equations && ahead.sampleIndex === sampleIndex ? new Set(ahead.indices) : null),
    [ahead, equations, sampleIndex],
  );

  // The current equation, its meaning and its numbers, spoken once per step by the lab's live region.
  useEffect(() => {
    const eq = equations[current];
    announce('equation', eq ? describeEquation(eq, current, equations.length, m, sampleIndex) : '');
  }, [equations, current, m, sampleIndex]);

  const status = (index: number): EquationStatus => (index < current ? 'past' : index === current ? 'current' : 'future');

  return (
    <div className="equation-panel" data-testid="equation-panel" id={EQUATIONS_ID} tabIndex={-1}>
      {/* The lab's one polite live region (App may render it instead: render it once). */}
      <LiveRegion />
      {onSelectSample && m > 0 && <SamplePicker m={m} sampleIndex={sampleIndex} onSelectSample={onSelectSample} />}
      {/* The list scrolls on its own (EquationItem brings the current equation into view by this box only). */}
      <div className={EQUATION_SCROLL_CLASS} ref={scrollRef}>
        {equations.length === 0 && <p className="empty">Step a batch to see its equations: press <kbd>→</kbd> or “Step equation”.</p>}
        {groups.map((group) => (
          <section key={`${group.phase}-${group.items[0].index}`} className={`phase phase-${group.phase}`}>
            <h3>{PHASE_TITLES[group.phase]}</h3>
            <ol start={group.items[0].index + 1}>
              {group.items.map(({ equation, index }) => (
                <EquationItem
                  key={equation.id}
                  equation={equation}
                  index={index}
                  status={status(index)}
                  onSelect={select}
                  onExpand={expand}
                  m={m}
                  sampleIndex={sampleIndex}
                  onSelectSample={onSelectSample ? selectSample : undefined}
                  ahead={aheadSet !== null && aheadSet.has(index)}
                />
              ))}
            </ol>
          </section>
        ))}
      </div>
      {expanded && (
        <MatrixDialog
          equation={expanded.equation}
          onClose={closeDialog}
          batchSize={expanded.m}
          sampleIndex={sampleIndex}
          onSelectSample={onSelectSample}
        />
      )}
    </div>
  );
}
