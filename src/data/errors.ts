/**
 * Why a file or a choice could not become a dataset. The message says what is wrong, `line` and
 * `column` say where (1-based file line, column name), and `hint` says what to do about it.
 * Every rejection in the data layer is a DataError; the previously loaded dataset stays loaded.
 */
export class DataError extends Error {
  line?: number;
  column?: string;
  hint: string;

  constructor(message: string, hint: string, where: { line?: number; column?: string } = {}) {
    super(message);
    this.name = 'DataError';
    this.hint = hint;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

/** A DataError as a plain object (what a worker posts back; structured clone drops the class). */
export interface DataErrorJson {
  message: string;
  hint: string;
  line?: number;
  column?: string;
}

/** Plain-object form of a DataError, for postMessage. */
export function dataErrorToJson(error: DataError): DataErrorJson {
  const out: DataErrorJson = { message: error.message, hint: error.hint };
  if (error.line !== undefined) out.line = error.line;
  if (error.column !== undefined) out.column = error.column;
  return out;
}

/** Rebuilds a DataError from its plain-object form. */
export function dataErrorFromJson(json: DataErrorJson): DataError {
  return new DataError(json.message, json.hint, { line: json.line, column: json.column });
}
