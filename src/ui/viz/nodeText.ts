/**
 * What a neuron writes inside its ring: its value, in the most precise short form whose ink fits
 * within the ring (two significant digits, the same without a leading zero, one significant digit,
 * the same without a leading zero); a non-zero value too small for any of them writes "≈0", so it is
 * not mistaken for a neuron with no value; nothing is written when not even that fits (the tooltip and
 * the neuron's name carry the exact value). Widths are estimated, not measured, so the layout stays a
 * pure function.
 */

/**
 * Advance widths in ems of the characters a value uses, in DejaVu Sans (Debian's default sans-serif,
 * the widest of the usual UI fonts, so the estimate is safe for the others): digits, point, signs, "e".
 */
const ADVANCE_EM: Record<string, number> = { '.': 0.318, '-': 0.361, '−': 0.838, '+': 0.838, '≈': 0.838, e: 0.615 };
const DIGIT_EM = 0.636;
/** Half the height of a value's ink (digits are ~0.73 em tall, centred on the ring by dy = 0.35em). */
const INK_HALF_EM = 0.37;
/** From the ring's radius to its inner edge: the lit ring's 3 px stroke is centred on the radius. */
export const RING_INSET = 1.5;

/** Estimated width in px of a number's text set at `px` (digits, ".", signs and "e"). */
export function valueTextWidth(text: string, px: number): number {
  let em = 0;
  for (const c of text) em += ADVANCE_EM[c] ?? DIGIT_EM;
  return em * px;
}

/** True when `text` at `px` lies inside the inner edge of a ring of `radius`: its ink box's corners within radius − RING_INSET. */
export function fitsInRing(text: string, px: number, radius: number): boolean {
  const inner = radius - RING_INSET;
  const halfWidth = valueTextWidth(text, px) / 2;
  const halfHeight = INK_HALF_EM * px;
  return inner > 0 && halfWidth * halfWidth + halfHeight * halfHeight <= inner * inner;
}

/** `digits` significant digits, as the diagram writes numbers: plain between 0.01 and 1000, else "1e-3". */
export function significant(x: number, digits: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 0.01 && abs < 1000) return String(Number(x.toPrecision(digits)));
  return x.toExponential(digits - 1);
}

/** "0.12" → ".12", "-0.5" → "-.5"; anything else as it is. */
const withoutLeadingZero = (s: string) => (s.startsWith('0.') ? s.slice(1) : s.startsWith('-0.') ? `-${s.slice(2)}` : s);
/** "1.2e+3" → "1.2e3" (the same number, one character shorter); anything else as it is. */
const withoutExponentPlus = (s: string) => s.replace('e+', 'e');

/** What a neuron writes for a non-zero value whose magnitude is below every short form's reach (|x| < 0.01). */
export const NEAR_ZERO_TEXT = '≈0';

/**
 * The forms of x from the most precise to the shortest: two significant digits (shortNumber's
 * "−0.097" as "-0.097"), without the leading zero ("-.097"), one significant digit ("-0.1"), without
 * the leading zero ("-.1"); a large value's exponent also without its "+" ("1e3"). Each is x
 * rounded, never a different number.
 */
export function valueForms(x: number): string[] {
  const two = significant(x, 2);
  const one = significant(x, 1);
  const forms = [two, withoutLeadingZero(two), one, withoutLeadingZero(one)];
  return [...new Set([...forms, ...forms.map(withoutExponentPlus)])];
}

/**
 * The most precise form of x (valueForms) that fits inside a ring of `radius` at `px`; for a non-zero
 * |x| < 0.01 that none fits, NEAR_ZERO_TEXT when it fits; else null.
 */
export function nodeValueText(x: number, radius: number, px: number): string | null {
  // valueForms(x)'s order without building it (a diagram asks for every neuron at each redraw): the four
  // forms, then those whose exponent loses its "+". A form seen twice fits or not both times alike.
  const two = significant(x, 2);
  const one = significant(x, 1);
  const forms = [two, withoutLeadingZero(two), one, withoutLeadingZero(one)];
  for (const form of forms) if (fitsInRing(form, px, radius)) return form;
  for (const form of forms) {
    const shorter = withoutExponentPlus(form);
    if (shorter !== form && fitsInRing(shorter, px, radius)) return shorter;
  }
  if (x !== 0 && Math.abs(x) < 0.01 && fitsInRing(NEAR_ZERO_TEXT, px, radius)) return NEAR_ZERO_TEXT;
  return null;
}
