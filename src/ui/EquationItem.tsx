import { memo, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Equation } from '../trace';
import { markPickable, pickableMatrices, PICKED_CLASS, sampleOfClick, sampleRowMatrices } from './columnPick';
import { copyText } from './copyText';
import { Katex } from './Katex';
import { useKatexLoaded } from './katexLoader';
import { announce } from './LiveRegion';
import { PrintingContext } from './printing';
import { describeOperand, equationName } from './spoken';
import './columnPick.css';

/**
 * Numbers are rendered without MathML (see KatexProps.mathml): a text alternative computed from the
 * operands (describeOperand) carries them for screen readers, the dialog's tables in full.
 */
export const NUMERIC_MATHML = false;
/**
 * The numbers are set inline, not in display mode: KaTeX may then break the line after a top-level
 * "=" or "+", so on a projector the operands wrap instead of running 1300 px off a 380 px box.
 */
export const NUMERIC_DISPLAY = false;

/** Where an equation stands relative to the cursor: done, being shown, or still to come. */
export type EquationStatus = 'past' | 'current' | 'future';

/** Class of the element whose own scrolling brings the current equation into view. */
export const EQUATION_SCROLL_CLASS = 'equation-scroll';

/** Room kept below the current equation when it is brought into view (a glimpse of the next one). */
const SCROLL_MARGIN_PX = 24;

/**
 * Scrolls the equation list (the nearest ancestor of class EQUATION_SCROLL_CLASS) just enough to show
 * `item`, its top first when it is taller than the list. Only that element's scrollTop changes: the
 * page and the other columns never move (Element.scrollIntoView would scroll every ancestor).
 */
export function scrollIntoList(item: HTMLElement): void {
  const scroller = item.closest<HTMLElement>(`.${EQUATION_SCROLL_CLASS}`);
  if (!scroller) return;
  const box = scroller.getBoundingClientRect();
  const r = item.getBoundingClientRect();
  // The margins shrink to what the list has left over, so an item nearly as tall as the list is still seen whole.
  const spare = Math.max(0, box.height - r.height);
  const above = Math.min(SCROLL_MARGIN_PX / 2, spare / 2);
  const below = Math.min(SCROLL_MARGIN_PX, spare - above);
  let delta = 0;
  if (r.top < box.top) delta = r.top - box.top - above;
  else if (r.bottom > box.bottom - below) delta = Math.min(r.bottom - box.bottom + below, r.top - box.top - above);
  if (delta !== 0) scroller.scrollTop += delta;
}

/**
 * When the numbers' box scrolls sideways (a phone), scrolls it so the followed sample's column of the result
 * (the last outlined column) is in view; only this box's scrollLeft changes.
 */
function revealPicked(box: HTMLElement): void {
  const picked = box.querySelectorAll(`.${PICKED_CLASS}`);
  const last = picked[picked.length - 1];
  if (!last || box.scrollWidth <= box.clientWidth) return;
  const frame = box.getBoundingClientRect();
  const r = last.getBoundingClientRect();
  if (r.left >= frame.left && r.right <= frame.right) return;
  box.scrollLeft += r.left + r.width / 2 - (frame.left + frame.width / 2);
}

export interface EquationItemProps {
  equation: Equation;
  index: number;
  status: EquationStatus;
  /** Stable callbacks (the panel keeps their identity), so stepping re-renders only two items. */
  onSelect: (index: number) => void;
  onExpand: (index: number) => void;
  /** Batch size m: matrices with m columns (one per sample) are clickable in the current equation. */
  m?: number;
  /**
   * The followed sample (0-based column): always among the visible columns of every per-sample matrix
   * (Equation.numericFor), outlined in the current equation's.
   */
  sampleIndex?: number;
  /** Stable callback: a column of the current equation's numbers was clicked. */
  onSelectSample?: (column: number) => void;
  /**
   * Keep the numbers in the page even when they are not shown: typeset and laid out but hidden (class
   * AHEAD_CLASS), so that stepping onto or back to this equation only reveals them. The panel sets it on
   * the current equation's neighbours once the step has been painted.
   */
  ahead?: boolean;
}

/** Class of a numbers box kept ready but hidden (EquationItemProps.ahead): no height, not painted, not read. */
export const AHEAD_CLASS = 'eq-ahead';

/**
 * One equation of the list. Current: symbolic (display size), shapes with the note, the numbers
 * (truncated around the followed sample, in a sideways-scrolling box) and a row of small actions (full matrices, copy LaTeX).
 * Past: symbolic and shapes, with the actions (numbers on request) shown on hover or keyboard focus.
 * Future: symbolic only, dimmed (its numbers are not known yet at this point of the step).
 */
export const EquationItem = memo(function EquationItem({ equation, index, status, onSelect, onExpand, m = 0, sampleIndex = 0, onSelectSample, ahead = false }: EquationItemProps) {
  const ref = useRef<HTMLLIElement>(null);
  const numericRef = useRef<HTMLDivElement>(null);
  const [showNumbers, setShowNumbers] = useState(false);
  const [copied, setCopied] = useState('');
  const name = equationName(equation, index);
  const current = status === 'current';

  // Also when the same step of another batch arrives (same key, new equation): its height may differ;
  // and once KaTeX arrives, since typesetting changes the heights of the equations above this one.
  const katexLoaded = useKatexLoaded();
  useEffect(() => {
    if (current && ref.current) scrollIntoList(ref.current);
  }, [current, equation, katexLoaded]);
  // The current equation stays in view when the list's box or the equation itself changes size
  // (presenter mode's larger type, a resized window, its fonts arriving).
  useEffect(() => {
    const item = ref.current;
    const scroller = item?.closest<HTMLElement>(`.${EQUATION_SCROLL_CLASS}`);
    if (!current || !item || !scroller || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => scrollIntoList(item));
    observer.observe(item);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [current]);

  // Printing (the handout): every equation computed so far with its numbers.
  const printing = useContext(PrintingContext);
  const numbers = current || (status === 'past' && (showNumbers || printing));
  // Rendered (and laid out) also when only kept ahead, so that showing it costs no typesetting or layout;
  // not in print, where a future equation's numbers would give its step away.
  const numbersInPage = numbers || (ahead && !printing);
  // Only the current equation's sample columns are clickable (the panel's ‹ › picker does the same job).
  const pickable = useMemo(() => (current && onSelectSample ? pickableMatrices(equation, m) : null), [current, onSelectSample, equation, m]);
  // The followed sample's row of Aᵀ (dW = (1/m)·dZ·Aᵀ) is outlined too.
  const sampleRows = useMemo(() => (current ? sampleRowMatrices(equation, m) : null), [current, equation, m]);
  useLayoutEffect(() => {
    if (numericRef.current) {
      markPickable(numericRef.current, pickable, m, sampleIndex, sampleRows);
      revealPicked(numericRef.current);
    }
  }, [pickable, sampleRows, m, sampleIndex]);
  return (
    <li
      ref={ref}
      className={`equation ${status}${status === 'past' && showNumbers ? ' with-numbers' : ''}`}
      data-equation-id={equation.id}
      data-testid={current ? 'current-equation' : undefined}
      aria-current={current ? 'step' : undefined}
    >
      {/* Its name is the hidden words plus KaTeX's MathML ("Go to equation 7: Z[2] = …"): distinct, and it
          contains the visible text. */}
      <button type="button" className="eq-symbolic" onClick={() => onSelect(index)} title="Go to this equation">
        <span className="visually-hidden">Go to equation {index + 1}: </span>
        <Katex src={equation.symbolic} text={equation.text} />
      </button>
      {/* In every item, hidden on future ones by the stylesheet: a batch starting (all past → future) or
          stepping back into the previous one (all future → past) then changes classes only, no elements. */}
      <div className="eq-shapes">
        <Katex src={equation.shapes} />
        {current && <span className="eq-note">{equation.shapesNote}</span>}
      </div>
      {numbersInPage && (
        <div
          ref={numericRef}
          className={numbers ? 'eq-numeric' : `eq-numeric ${AHEAD_CLASS}`}
          data-testid={current ? 'current-numeric' : undefined}
          data-pickable={pickable ? 'true' : undefined}
          // The box may scroll sideways (a wide matrix): focusable, so a keyboard can scroll it too.
          tabIndex={numbers ? 0 : -1}
          aria-hidden={numbers ? undefined : true}
          data-own-keys
          role="group"
          aria-label={`Numbers of ${name}`}
          onClick={(e) => {
            const root = numericRef.current;
            const sample = root && e.target instanceof Element ? sampleOfClick(root, e.target, pickable, m, sampleIndex) : null;
            if (sample !== null) onSelectSample?.(sample);
          }}
        >
          <Katex src={equation.numericFor(sampleIndex)} display={NUMERIC_DISPLAY} mathml={NUMERIC_MATHML} />
          <span className="visually-hidden">{equation.operands.map((o) => describeOperand(o, m, sampleIndex)).join('; ')}</span>
        </div>
      )}
      <div className="eq-actions">
        {/* Also on future equations (hidden there), for the same reason as the shapes. */}
        {!current && (
          <button type="button" aria-expanded={showNumbers} onClick={() => setShowNumbers(!showNumbers)} aria-label={`${showNumbers ? 'Hide numbers' : 'Numbers'} of ${name}`}>
            {showNumbers ? 'Hide numbers' : 'Numbers'}
          </button>
        )}
        <button type="button" data-testid={current ? 'expand-matrices' : undefined} onClick={() => onExpand(index)} aria-label={`Full matrices of ${name}`} aria-haspopup="dialog">
          Full matrices
        </button>
        <button
          type="button"
          aria-label={`Copy LaTeX of ${name}`}
          onClick={() => void copyText(equation.numericFull).then((ok) => {
            const said = ok ? 'Copied LaTeX.' : 'Copy blocked by the browser.';
            setCopied(said);
            announce('status', said);
          })}
        >
          Copy LaTeX
        </button>
        {/* Shown beside the button; spoken by the lab's one live region (announce). */}
        <span className="copy-status">{copied}</span>
      </div>
    </li>
  );
});
