import type { LabView } from '../lab/view';
import { FilePicker } from './FilePicker';
import type { FileRole } from './fileStore';
import type { LessonMeta } from './usePersistence';

/** Props of the banners above the lab. */
export interface LabBannersProps {
  view: LabView;
  lesson: LessonMeta;
  onCancel(): void;
  onUpload(file: File, role: FileRole): void;
}

/**
 * What stands between the page and the lab a link or lesson describes: the file it needs (asked for by
 * name, rows and fingerprint; another file is refused in the data panel's error), the replay's progress,
 * and the lesson's title and notes.
 */
export function LabBanners({ view, lesson, onCancel, onUpload }: LabBannersProps) {
  const pending = view.pendingFile;
  const what = pending?.origin === 'lesson' ? 'This lesson' : pending?.origin === 'resume' ? 'Your last lab' : 'This link';
  return (
    <>
      {pending && (
        <div className="panel banner pending-file" role="alert" data-testid="pending-file">
          <p>
            {what} was made with <strong>{pending.name}</strong> ({pending.rows.toLocaleString('en-US')} rows){pending.role === 'test' ? ' as its test file' : ''}.
            Files never travel with a link: choose that file on this computer to open it.
          </p>
          {view.data.failure && <p className="alert" data-testid="pending-file-error">{view.data.failure.error.message}</p>}
          <FilePicker label={`Choose ${pending.name}`} testId="pending-file-upload" onFile={(file) => onUpload(file, pending.role)} />
          <button type="button" className="small quiet" onClick={onCancel}>Open the default lab instead</button>
        </div>
      )}
      {view.restoring && (
        <div className="panel banner restoring" role="status" data-testid="restore-progress">
          <span>Replaying training from the seed: update {view.restoring.done.toLocaleString('en-US')} of {view.restoring.total.toLocaleString('en-US')}…</span>
          <progress value={view.restoring.done} max={Math.max(1, view.restoring.total)} aria-label="Replaying training" />
        </div>
      )}
      {(lesson.title || lesson.notes) && (
        <div className="panel banner lesson-notes" data-testid="lesson-banner">
          {lesson.title && <h2>{lesson.title}</h2>}
          {lesson.notes && <p>{lesson.notes}</p>}
        </div>
      )}
    </>
  );
}
