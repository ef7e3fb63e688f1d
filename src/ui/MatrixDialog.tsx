import { useEffect, useRef, useState } from 'react';
import type { Matrix } from '../nn';
import { formatPlain, matrixCsv, matrixLatex, type Equation } from '../trace';
import { copyText } from './copyText';
import { Katex } from './Katex';
import { useFocusReturn } from './useFocusReturn';
import './equations.css';

/** Columns shown per page of a wide matrix (a full batch can have thousands). */
export const COLUMNS_PER_PAGE = 200;

export interface MatrixDialogProps {
  /** The equation whose operands are shown in full. */
  equation: Equation;
  onClose: () => void;
  /** m: operands with this many columns have one column per sample, and their headers pick it. */
  batchSize?: number;
  /** The sample (0-based column) the diagram follows. */
  sampleIndex?: number;
  onSelectSample?: (column: number) => void;
}

interface OperandTableProps {
  matrix: Matrix;
  batchColumns: boolean;
  sampleIndex?: number;
  onSelectSample?: (column: number) => void;
}

/** One operand in full: a scrollable table, paged by 200 columns; batch columns are buttons. */
function OperandTable({ matrix, batchColumns, sampleIndex, onSelectSample }: OperandTableProps) {
  const pages = Math.max(1, Math.ceil(matrix.cols / COLUMNS_PER_PAGE));
  const [page, setPage] = useState(() =>
    batchColumns && sampleIndex !== undefined ? Math.min(pages - 1, Math.floor(sampleIndex / COLUMNS_PER_PAGE)) : 0,
  );
  const from = page * COLUMNS_PER_PAGE;
  const to = Math.min(matrix.cols, from + COLUMNS_PER_PAGE);
  const cols = Array.from({ length: to - from }, (_, k) => from + k);
  const rows = Array.from({ length: matrix.rows }, (_, i) => i);
  return (
    <div className="matrix-full">
      {pages > 1 && (
        <div className="matrix-pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>‹ previous</button>
          <span>columns {from + 1}–{to} of {matrix.cols}</span>
          <button type="button" disabled={page === pages - 1} onClick={() => setPage(page + 1)}>next ›</button>
        </div>
      )}
      <div className="matrix-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col"><span className="visually-hidden">row</span></th>
              {cols.map((j) => (
                <th key={j} scope="col" className={batchColumns && j === sampleIndex ? 'selected-sample' : undefined}>
                  {batchColumns && onSelectSample ? (
                    <button type="button" title={`Follow sample ${j + 1} in the diagram`} onClick={() => onSelectSample(j)}>
                      {j + 1}
                    </button>
                  ) : (
                    j + 1
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                {cols.map((j) => {
                  const x = matrix.get(i, j);
                  return (
                    <td key={j} title={String(x)} className={batchColumns && j === sampleIndex ? 'selected-sample' : undefined}>
                      {formatPlain(x)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * The full matrices of one equation, in a modal dialog: each operand as a scrollable table with
 * "copy as CSV" (full precision) and "copy as LaTeX" (3–4 significant digits), and the whole equation
 * as LaTeX. Closes on Escape or the close button.
 */
export function MatrixDialog({ equation, onClose, batchSize, sampleIndex, onSelectSample }: MatrixDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState('');
  useFocusReturn();
  // The latest onClose, so a new callback identity from the parent does not reopen the dialog.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open && typeof dialog.showModal === 'function') dialog.showModal();
    const close = () => onCloseRef.current();
    dialog.addEventListener('close', close);
    return () => {
      dialog.removeEventListener('close', close);
      if (dialog.open) dialog.close();
    };
  }, []);

  const copy = async (what: string, text: string) => {
    const ok = await copyText(text);
    setStatus(ok ? `Copied ${what}.` : `Could not copy ${what}; your browser blocked the clipboard.`);
  };

  return (
    <dialog
      ref={ref}
      className="matrix-dialog"
      data-testid="matrix-dialog"
      aria-label={`Full matrices of ${equation.text}`}
      onKeyDown={(event) => {
        // The dialog is modal: its keys (arrows scroll the tables) never reach the lab's shortcuts.
        event.stopPropagation();
        if (event.key === 'Escape') onClose();
      }}
    >
      <header>
        <Katex src={equation.symbolic} />
        <button type="button" onClick={() => void copy('the equation as LaTeX', equation.numericFull)}>
          Copy equation as LaTeX
        </button>
        <button type="button" className="close" onClick={onClose} aria-label="Close">×</button>
      </header>
      <p className="copy-status" role="status" aria-live="polite">{status}</p>
      {equation.operands.map(({ name, text, matrix }, k) => (
        <section key={k} className="operand" aria-label={text}>
          <h4>
            <Katex src={name} /> <span className="shape">{matrix.rows} × {matrix.cols}</span>
            <button type="button" onClick={() => void copy('the matrix as CSV', matrixCsv(matrix))}>Copy CSV</button>
            <button type="button" onClick={() => void copy('the matrix as LaTeX', matrixLatex(matrix))}>Copy LaTeX</button>
          </h4>
          <OperandTable
            matrix={matrix}
            batchColumns={batchSize !== undefined && batchSize > 1 && matrix.cols === batchSize}
            sampleIndex={sampleIndex}
            onSelectSample={onSelectSample}
          />
        </section>
      ))}
    </dialog>
  );
}
