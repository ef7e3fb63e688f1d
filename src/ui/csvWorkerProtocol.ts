import type { DataErrorJson, Table } from '../data';

/** Page → worker: parse this file. */
export interface CsvWorkerRequest {
  id: number;
  file: File;
}

/** Worker → page: progress (0..1), the typed table with the file's SHA-256 (64 hex digits), or why the file was refused. */
export type CsvWorkerReply =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'done'; table: Table; sha256: string }
  | { id: number; type: 'error'; error: DataErrorJson };
