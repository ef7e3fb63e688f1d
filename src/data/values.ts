/**
 * Reading one cell: missing-value tokens, numbers (any script's decimal digits; a decimal comma where
 * the delimiter allows it; thousands separators when a column's style is clear) and dates/times. Pure string → number functions, shared by parsing and the built-in sets.
 */

/** Cells that mean "no value", compared trimmed and case-insensitively. */
export const MISSING_TOKENS: readonly string[] = ['', 'na', 'n/a', 'nan', '?', 'null'];

const MISSING = new Set(MISSING_TOKENS);

/** True when a cell holds no value: "", NA, N/A, NaN, ?, null (any case, surrounding spaces ignored). */
export function isMissing(cell: string): boolean {
  // Short cells may be a token with spaces around; long ones are missing only when blank.
  return cell.length <= 12 ? MISSING.has(cell.trim().toLowerCase()) : cell.trim() === '';
}

const DOT_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(?:\d+,?\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const INFINITE = /^([+-]?)(?:inf|infinity|∞)$/i;
const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII = /[^ -~\t]/;

const digitCache = new Map<number, number>();

/** The value 0–9 of a Unicode decimal digit: Unicode encodes each script's digits 0…9 in a row. */
function digitValue(codePoint: number): number {
  let value = digitCache.get(codePoint);
  if (value === undefined) {
    let zero = codePoint;
    while (zero > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
    value = (codePoint - zero) % 10;
    digitCache.set(codePoint, value);
  }
  return value;
}

/**
 * A cell with every Unicode decimal digit (Arabic-Indic ١٢٣, Eastern Arabic-Indic ۱۲۳, Devanagari
 * १२३, full-width １２３ …) written as ASCII 0–9, the Arabic decimal separator ٫ as ".", the Arabic
 * thousands separator ٬ as "," and the minus sign − as "-". ASCII cells come back as they are.
 */
export function asciiDigits(cell: string): string {
  if (!NON_ASCII.test(cell)) return cell;
  let out = '';
  for (const ch of cell) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out += ch;
    else if (ch === '\u066b') out += '.';
    else if (ch === '\u066c') out += ',';
    else if (ch === '\u2212') out += '-';
    else if (DECIMAL_DIGIT.test(ch)) out += String(digitValue(cp));
    else out += ch;
  }
  return out;
}

function parsePlain(s: string, decimalComma: boolean): number {
  if (DOT_NUMBER.test(s)) return Number(s);
  if (decimalComma && COMMA_NUMBER.test(s)) return Number(s.replace(',', '.'));
  const inf = INFINITE.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return NaN;
}

/**
 * A cell as a number, or NaN when it is not one. Accepts 12, -3.5, .5, 1e-3, +2 (spaces around ignored),
 * the same written in any script's decimal digits (١٢٫٥ is 12.5); with `decimalComma` also 3,5 (the
 * comma is the decimal separator of files delimited by ; or tab). Thousands separators (see
 * parseGrouped), units and words are not numbers. 1e999, Infinity, inf and ∞ give ±Infinity, which
 * the dataset refuses with its line.
 */
export function parseNumber(cell: string, decimalComma = false): number {
  const s = cell.trim();
  const x = parsePlain(s, decimalComma);
  if (!Number.isNaN(x) || !NON_ASCII.test(s)) return x;
  return parsePlain(asciiDigits(s), decimalComma);
}

/** How a column writes thousands: 'dot' decimal with ',' groups (1,234.5), or 'comma' decimal with '.' groups (1.234,5). */
export type NumberStyle = 'dot' | 'comma';

const GROUPED: Record<NumberStyle, RegExp> = {
  dot: /^[+-]?\d{1,3}(?:[,\u00a0\u202f' ]\d{3})+(?:\.\d*)?$|^[+-]?(?:\d+\.?\d*|\.\d+)$/,
  comma: /^[+-]?\d{1,3}(?:[.\u00a0\u202f' ]\d{3})+(?:,\d*)?$|^[+-]?(?:\d+,?\d*|,\d+)$/,
};

/**
 * A cell read with thousands separators in the given style, or NaN. 'dot': 1,234.5 and 1 234.5 are
 * 1234.5 (groups of exactly three digits); 'comma': 1.234,5 and 1 234,5 are 1234.5. A plain number in
 * that style (12.5, or 12,5) is read too; exponents are not.
 */
export function parseGrouped(cell: string, style: NumberStyle): number {
  const s = asciiDigits(cell.trim());
  if (!GROUPED[style].test(s)) return NaN;
  const digits = style === 'dot' ? s.replace(/[,\u00a0\u202f' ]/g, '') : s.replace(/[.\u00a0\u202f' ]/g, '').replace(',', '.');
  return Number(digits);
}

// 2015-02-04, 2015/02/04 17:51:00, 2015-02-04T17:51:59.5Z, 2015-02-04 17:51+01:00
const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
// 04/02/2015, 4.2.2015 17:51 (day first unless that is impossible)
const DMY_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;

function validClock(h: number, min: number, s: number): boolean {
  return h < 24 && min < 60 && s < 61;
}

function utc(y: number, mo: number, d: number, h: number, min: number, s: number, ms: number): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || !validClock(h, min, s)) return NaN;
  return Date.UTC(y, mo - 1, d, h, min, s, ms);
}

/**
 * A date, date-time or time of day as milliseconds (UTC clock, time zones ignored but an explicit
 * offset applied), or NaN when the cell is none of those. Times alone count from midnight.
 * Used to order and to compare dates, so day-first vs month-first ambiguity only matters for ordering.
 */
export function parseDate(cell: string): number {
  const s = cell.trim();
  let m = ISO_DATE.exec(s);
  if (m) {
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    let t = utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms);
    if (m[8] && m[8] !== 'Z') {
      const sign = m[8][0] === '-' ? -1 : 1;
      const digits = m[8].slice(1).replace(':', '');
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return t;
  }
  m = DMY_DATE.exec(s);
  if (m) {
    let day = +m[1];
    let month = +m[2];
    if (month > 12 && day <= 12) [day, month] = [month, day];
    return utc(+m[3], month, day, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0);
  }
  m = TIME.exec(s);
  if (m) {
    const h = +m[1];
    const min = +m[2];
    const sec = +(m[3] ?? 0);
    if (!validClock(h, min, sec)) return NaN;
    return ((h * 60 + min) * 60 + sec) * 1000 + (m[4] ? Math.round(Number(`0.${m[4]}`) * 1000) : 0);
  }
  return NaN;
}
