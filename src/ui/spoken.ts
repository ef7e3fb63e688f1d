import { formatPlain, type Equation, type Operand } from '../trace';

/** How many numbers of a column are read out before "…". */
const SPOKEN_VALUES = 6;

/**
 * What a screen reader hears for one operand: "Z[1], 8 by 50, column of sample 3: 0.31, −0.26, …".
 * A matrix with one column per sample (m columns) reads the followed sample's column, any other its first.
 */
export function describeOperand({ text, matrix, role }: Operand, m = 0, sample = 0): string {
  const head = `${text}, ${matrix.rows} by ${matrix.cols}`;
  if (matrix.rows === 0 || matrix.cols === 0) return `${head}, empty`;
  // The operand's role says whether its columns are the batch's samples (never its shape alone).
  const perSample = role === 'perSample' && m > 1 && matrix.cols === m;
  const column = perSample ? Math.min(Math.max(0, sample), m - 1) : 0;
  const values = Array.from({ length: Math.min(matrix.rows, SPOKEN_VALUES) }, (_, i) => formatPlain(matrix.get(i, column)));
  const more = matrix.rows > SPOKEN_VALUES ? ', …' : '';
  if (matrix.rows === 1 && matrix.cols === 1) return `${head}: ${values[0]}`;
  const which = perSample ? `column of sample ${column + 1}` : matrix.cols === 1 ? 'values' : 'first column';
  return `${head}, ${which}: ${values.join(', ')}${more}`;
}

/** "equation 7: Z[2] = W[2] A[1] + b[2]" (1-based), the distinct name of an equation's "go to" button. */
export function equationName(equation: Pick<Equation, 'text'>, index: number): string {
  return `equation ${index + 1}: ${equation.text}`;
}

/**
 * The current equation as one announcement: "Equation 7 of 25, forward, layer 2: Z[2] = W[2] A[1] + b[2].
 * W[2], 3 by 5, first column …; Z[2], 3 by 50, column of sample 1: …".
 */
export function describeEquation(equation: Equation, index: number, total: number, m = 0, sample = 0): string {
  const where = `${equation.phase}${equation.layer > 0 ? `, layer ${equation.layer}` : ''}`;
  const numbers = equation.operands.map((o) => describeOperand(o, m, sample)).join('; ');
  return `Equation ${index + 1} of ${total}, ${where}: ${equation.text}.${numbers ? ` ${numbers}.` : ''}`;
}
