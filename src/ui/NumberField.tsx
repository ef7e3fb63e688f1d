import { useId, useState } from 'react';

/** Props of a number input that commits only valid values. */
export interface NumberFieldProps {
  value: number;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  step?: number | 'any';
  onCommit(value: number): void;
  /**
   * When a valid value is committed: 'typing' as each keystroke gives one (cheap settings), or 'enter'
   * on Enter or when the field loses focus (settings that rebuild the network, e.g. the seed).
   */
  commitOn?: 'typing' | 'enter';
  testId?: string;
  label: string;
  className?: string;
}

/** "1–32", or "whole number, 1–32" when the trouble is a fraction. */
function rangeHint(text: string, min: number, max: number, integer: boolean): string {
  const n = Number(text);
  const range = `${min}–${max}`;
  return integer && text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max ? `whole number, ${range}` : range;
}

/**
 * An <input type=number> that keeps what the user types while focused and commits valid values
 * (within [min, max], whole if `integer`) as they are typed or on Enter/blur (`commitOn`). Escape
 * puts the committed value back; on blur the field shows the committed value again. While the text
 * is not a valid value, a hint with the allowed range (e.g. "1–32") shows beside the field.
 */
export function NumberField({ value, min, max, integer = false, step, onCommit, commitOn = 'typing', testId, label, className }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const hintId = useId();
  const valid = (n: number) => Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
  const current = draft ?? String(value);
  const invalid = !valid(Number(current)) || current.trim() === '';
  const commit = (text: string) => {
    const n = Number(text);
    if (text.trim() !== '' && valid(n) && n !== value) onCommit(n);
  };
  return (
    <>
      <input
        type="number"
        className={className}
        aria-label={label}
        data-testid={testId}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        value={current}
        aria-invalid={invalid}
        aria-describedby={invalid ? hintId : undefined}
        onFocus={() => setDraft(String(value))}
        onBlur={() => {
          if (commitOn === 'enter' && draft !== null) commit(draft);
          setDraft(null);
        }}
        onKeyDown={(e) => {
          // Enter on an invalid value keeps it (and the hint) in view to be corrected.
          if (e.key === 'Enter' && commitOn === 'enter' && draft !== null && !invalid) {
            commit(draft);
            setDraft(null);
          } else if (e.key === 'Escape' && draft !== null) {
            setDraft(String(value));
          }
        }}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          if (commitOn === 'typing') commit(text);
        }}
      />
      {invalid && (
        <span className="field-hint" id={hintId} data-testid={testId ? `${testId}-hint` : undefined}>
          ⚠ {rangeHint(current, min, max, integer)}
        </span>
      )}
    </>
  );
}
