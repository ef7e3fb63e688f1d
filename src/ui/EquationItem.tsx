import { memo, useEffect, useRef, useState } from 'react';
import type { Equation } from '../trace';
import { copyText } from './copyText';
import { Katex } from './Katex';

/** Numbers are rendered without MathML (see KatexProps.mathml); the dialog's tables carry them accessibly. */
export const NUMERIC_MATHML = false;

/** Where an equation stands relative to the cursor: done, being shown, or still to come. */
export type EquationStatus = 'past' | 'current' | 'future';

export interface EquationItemProps {
  equation: Equation;
  index: number;
  status: EquationStatus;
  /** Stable callbacks (the panel keeps their identity), so stepping re-renders only two items. */
  onSelect: (index: number) => void;
  onExpand: (index: number) => void;
}

/**
 * One equation of the list. Current: symbolic, shapes with the note, the numbers (truncated) and the
 * buttons to see the full matrices or copy. Past: symbolic and shapes; the numbers on request.
 * Future: symbolic only, dimmed (its numbers are not known yet at this point of the step).
 */
export const EquationItem = memo(function EquationItem({ equation, index, status, onSelect, onExpand }: EquationItemProps) {
  const ref = useRef<HTMLLIElement>(null);
  const [showNumbers, setShowNumbers] = useState(false);
  const [copied, setCopied] = useState('');
  const current = status === 'current';

  useEffect(() => {
    if (current) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const numbers = current || (status === 'past' && showNumbers);
  return (
    <li
      ref={ref}
      className={`equation ${status}`}
      data-equation-id={equation.id}
      data-testid={current ? 'current-equation' : undefined}
      aria-current={current ? 'step' : undefined}
    >
      <button type="button" className="eq-symbolic" onClick={() => onSelect(index)} title="Go to this equation">
        <Katex src={equation.symbolic} />
      </button>
      {status !== 'future' && (
        <div className="eq-shapes">
          <Katex src={equation.shapes} />
          {current && <span className="eq-note">{equation.shapesNote}</span>}
        </div>
      )}
      {numbers && (
        <div className="eq-numeric" data-testid={current ? 'current-numeric' : undefined}>
          <Katex src={equation.numeric} mathml={NUMERIC_MATHML} />
        </div>
      )}
      {status !== 'future' && (
        <div className="eq-actions">
          {status === 'past' && (
            <button type="button" aria-expanded={showNumbers} onClick={() => setShowNumbers(!showNumbers)}>
              {showNumbers ? 'Hide numbers' : 'Numbers'}
            </button>
          )}
          <button type="button" data-testid={current ? 'expand-matrices' : undefined} onClick={() => onExpand(index)}>
            Full matrices
          </button>
          <button
            type="button"
            onClick={() => void copyText(equation.numericFull).then((ok) => setCopied(ok ? 'Copied LaTeX.' : 'Copy blocked by the browser.'))}
          >
            Copy LaTeX
          </button>
          <span className="copy-status" role="status" aria-live="polite">{copied}</span>
        </div>
      )}
    </li>
  );
});
