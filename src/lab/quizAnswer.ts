/**
 * Checking a student's answer to a quiz question (quiz.ts asks it): what the quiz card needs the
 * moment a question is on screen, so it is in the opening bundle while the question making loads
 * on demand. Pure: no DOM, no React.
 */

/** The outcome of one answer. */
export interface QuizVerdict {
  right: boolean;
  answer: number;
  expected: number;
}

/** Relative tolerance of an answer. */
export const QUIZ_TOLERANCE = 0.01;

/** x rounded to 2 significant digits. */
const twoDigits = (x: number) => Number(x.toPrecision(2));

/**
 * True when `answer` is within 1% of `expected` (relative), or equals `expected` rounded to 2
 * significant digits (0.12 for 0.1234); for expected 0 only 0 is right.
 */
export function isRight(expected: number, answer: number): boolean {
  if (!Number.isFinite(answer) || !Number.isFinite(expected)) return false;
  if (Math.abs(answer - expected) <= QUIZ_TOLERANCE * Math.abs(expected)) return true;
  const rounded = twoDigits(expected);
  return Math.abs(answer - rounded) <= 1e-9 * Math.abs(rounded);
}

/** The verdict on `answer` for `question` (check(answer) of the issue). */
export function checkAnswer(question: { expected: number }, answer: number): QuizVerdict {
  return { right: isRight(question.expected, answer), answer, expected: question.expected };
}

/**
 * The number a student typed, or null: accepts a leading − (U+2212) or -, a decimal comma when there
 * is no point ("0,25"), spaces, and e-notation ("1.2e-3"); rejects anything else.
 */
export function parseAnswer(text: string): number | null {
  let s = text.trim().replace(/\u2212/g, '-').replace(/\s+/g, '');
  if (!s.includes('.') && /^-?\d*,\d+$/.test(s.split(/e/i)[0])) s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}
