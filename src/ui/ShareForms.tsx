import { useEffect, useRef } from 'react';
import type { LessonModel } from './usePersistence';

/** Props of the shared link's popover. */
export interface SharedLinkProps {
  link: { url: string; copied: boolean };
  onClose: () => void;
}

/** The link just made: copied (or, without a clipboard, shown to copy by hand); its text is selected when it changes. */
export function SharedLink({ link, onClose }: SharedLinkProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.select(), [link]);
  return (
    <div className="share-popover" role="status">
      <label>
        <span>{link.copied ? 'Link copied. It holds the whole state (an uploaded file travels only by name and fingerprint):' : 'Copy this link:'}</span>
        <input ref={inputRef} readOnly value={link.url} data-testid="share-link-text" onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" className="small quiet" onClick={onClose}>Close</button>
    </div>
  );
}

/** Props of the lesson form. */
export interface LessonFormProps {
  lesson: LessonModel;
  withData: boolean;
  onWithData: (withData: boolean) => void;
  onSave: () => void;
  /** What the last save did ("Saved x.lesson.json."), or null. */
  status: string | null;
}

/** A lesson's title and notes for the class, whether the data file goes in it, and Save lesson. */
export function LessonForm({ lesson, withData, onWithData, onSave, status }: LessonFormProps) {
  return (
    <div className="share-popover lesson-form">
      <label className="field">
        <span>Title</span>
        <input value={lesson.meta.title} maxLength={200} data-testid="lesson-title" onChange={(e) => lesson.setMeta({ ...lesson.meta, title: e.target.value })} />
      </label>
      <label className="field">
        <span>Notes for the class</span>
        <textarea value={lesson.meta.notes} rows={3} maxLength={20000} data-testid="lesson-notes" onChange={(e) => lesson.setMeta({ ...lesson.meta, notes: e.target.value })} />
      </label>
      <label className="check">
        <input type="checkbox" checked={withData} onChange={(e) => onWithData(e.target.checked)} data-testid="lesson-embed" />
        <span>Include the data file, so students need nothing else</span>
      </label>
      <button type="button" className="small primary" data-testid="save-lesson" onClick={onSave}>Save lesson</button>
      {status && <p className="muted" role="status">{status}</p>}
    </div>
  );
}
