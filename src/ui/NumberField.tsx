import { useState } from 'react';

/** Props of a number input that commits only valid values. */
export interface NumberFieldProps {
  value: number;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  step?: number | 'any';
  onCommit(value: number): void;
  testId?: string;
  label: string;
  className?: string;
}

/**
 * An <input type=number> that keeps what the user types while focused and commits each valid value
 * (within [min, max], whole if `integer`) as it is typed; on blur it shows the committed value again.
 */
export function NumberField({ value, min, max, integer = false, step, onCommit, testId, label, className }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const valid = (n: number) => Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n));
  const current = draft ?? String(value);
  return (
    <input
      type="number"
      className={className}
      aria-label={label}
      data-testid={testId}
      min={min}
      max={max}
      step={step ?? (integer ? 1 : 'any')}
      value={current}
      aria-invalid={!valid(Number(current)) || current.trim() === ''}
      onFocus={() => setDraft(String(value))}
      onBlur={() => setDraft(null)}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        const n = Number(text);
        if (text.trim() !== '' && valid(n) && n !== value) onCommit(n);
      }}
    />
  );
}
