import { useId, useState } from 'react';
import type { LabController } from '../lab/controller';
import { downloadText } from './download';
import { persistenceCode, type LessonModel } from './usePersistence';
import { LessonForm, SharedLink } from './ShareForms';
import './share.css';

/** Props of the share bar. */
export interface ShareBarProps {
  controller: LabController;
  lesson: LessonModel;
}

/**
 * Share, save and resume: a link that holds the whole state (copied, and shown to copy by hand where the
 * clipboard is not allowed, e.g. from a file:// page); a lesson file with a title, notes and optionally the
 * data itself; opening a lesson (also by dropping it here); and Start fresh, which forgets this browser's
 * saved lab.
 */
export function ShareBar({ controller, lesson }: ShareBarProps) {
  const [link, setLink] = useState<{ url: string; copied: boolean } | null>(null);
  const [lessonOpen, setLessonOpen] = useState(false);
  const [withData, setWithData] = useState(true);
  const [status, setStatus] = useState<string | null>(null);
  const inputId = useId();

  const share = async () => {
    // The link's codecs load on demand (usePersistence.ts); the state is read once they are there.
    const { shareHash } = await persistenceCode.load();
    const url = `${location.href.split('#')[0]}${shareHash(controller)}`;
    let copied: boolean;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch {
      // No clipboard (a file:// page, or permission refused): the link is shown to copy by hand.
      copied = false;
    }
    // The popover selects the link's text once drawn.
    setLink({ url, copied });
  };

  const save = async () => {
    const file = await lesson.save(withData);
    downloadText(file.name, file.text, 'application/json');
    setStatus(`Saved ${file.name}.`);
  };

  const onLessonFile = (file: File | undefined) => {
    if (file) void lesson.open(file);
  };

  return (
    <div
      className="share-bar"
      onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) e.preventDefault(); }}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!file) return;
        e.preventDefault();
        onLessonFile(file);
      }}
    >
      <button type="button" className="small" data-testid="share-link" onClick={() => void share()} title="Copy a link that opens this lab at this very equation">
        Share link
      </button>
      <button type="button" className="small" aria-expanded={lessonOpen} onClick={() => setLessonOpen((o) => !o)} data-testid="lesson-menu">
        Lesson ▾
      </button>
      <label className="small button-like" htmlFor={inputId} title="Open a lesson file (.lesson.json), or drop it here">Open lesson</label>
      <input
        id={inputId}
        className="visually-hidden"
        type="file"
        accept=".json,application/json"
        data-testid="open-lesson"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          onLessonFile(file);
        }}
      />
      <button type="button" className="small quiet" data-testid="start-fresh" onClick={lesson.startFresh} title="Forget the lab saved in this browser and open the default one">
        Start fresh
      </button>
      {link && <SharedLink link={link} onClose={() => setLink(null)} />}
      {lessonOpen && <LessonForm lesson={lesson} withData={withData} onWithData={setWithData} onSave={() => void save()} status={status} />}
    </div>
  );
}
