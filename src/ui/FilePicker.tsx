import { useId, useState, type DragEvent } from 'react';

/** Props of a file input that also takes a dropped file. */
export interface FilePickerProps {
  label: string;
  testId: string;
  onFile(file: File): void;
  /** Short text under the label, e.g. the loaded file's name. */
  note?: string;
}

/**
 * A labelled `<input type="file">` (CSV, TSV, TXT, JSON) inside a drop zone: choosing or dropping a file
 * calls onFile. The input is reset after each choice, so the same file can be chosen again.
 */
export function FilePicker({ label, testId, onFile, note }: FilePickerProps) {
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div
      className={`file-drop${over ? ' over' : ''}`}
      onDragOver={(event) => { event.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept=".csv,.tsv,.txt,.json,text/csv,text/plain,text/tab-separated-values,application/json"
        data-testid={testId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      <span className="file-note">{note ?? 'or drop a file here'}</span>
    </div>
  );
}
