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
   * A value is committed on Enter or when the field loses focus, never while typing (typing 6515
   * would otherwise apply 6, 65 and 651 on the way). 'enter' is the only mode; the prop stays so that
   * callers naming it still compile.
   */
  commitOn?: 'enter';
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
 * An <input type=number> that keeps what the user types and commits it on Enter or blur, and only
 * when the whole entry is a valid value (within [min, max], whole if `integer`): never a prefix
 * of it. While the text is not valid, a ⚠ with the allowed range (e.g. "1–32") shows beside the
 * field, and stays after Enter or blur so the entry can be corrected; Escape puts the committed
 * value back.
 */
export function NumberField({ value, min, max, integer = false, step, onCommit, testId, label, className }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const hintId = useId();
  const valid = (text: string) => {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
  };
  const current = draft ?? String(value);
  const invalid = !valid(current);
  /** Commits a valid draft and goes back to showing the value; an invalid one stays in view. */
  const settle = () => {
    if (draft === null || !valid(draft)) return;
    const n = Number(draft);
    if (n !== value) onCommit(n);
    setDraft(null);
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
        onFocus={() => setDraft((d) => d ?? String(value))}
        onBlur={settle}
        onKeyDown={(e) => {
          if (e.key === 'Enter') settle();
          else if (e.key === 'Escape') setDraft(null);
        }}
        onChange={(e) => setDraft(e.target.value)}
      />
      {invalid && (
        <span className="field-hint" id={hintId} data-testid={testId ? `${testId}-hint` : undefined} title={`Not applied: ${value} stays in use. Escape puts it back.`}>
          ⚠ {rangeHint(current, min, max, integer)}
        </span>
      )}
    </>
  );
}
