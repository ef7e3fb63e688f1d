/**
 * The bridge between the pure LabSession and React: holds the session (null until the first dataset
 * arrives), runs actions on it and notifies subscribers once per action (or once per animation frame
 * during play), for useSyncExternalStore.
 */
import { LabSession } from '../lab/session';
import type { LabDataset } from '../lab/dataset';
import type { LabSettings } from '../lab/settings';

type Listener = () => void;

/** One store per page; `snapshot` is the session's version, so React re-renders when it changes. */
export class LabStore {
  session: LabSession | null = null;
  /** performance.now() at the last publish: lets the UI throttle heavy drawing during play. */
  publishedAt = 0;
  private listeners = new Set<Listener>();
  private published = -1;
  private pendingSettings: LabSettings;

  constructor(settings: LabSettings) {
    this.pendingSettings = settings;
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The version last published (−1 before any dataset). */
  getSnapshot = (): number => this.published;

  /** A new dataset: the first one creates the session, later ones reset it. */
  setDataset = (dataset: LabDataset): void => {
    if (this.session) this.session.setDataset(dataset);
    else this.session = new LabSession(dataset, this.pendingSettings);
    this.publish();
  };

  /** Runs `action` on the session (if any) and publishes once. */
  act = <T>(action: (session: LabSession) => T): T | undefined => {
    if (!this.session) return undefined;
    const result = action(this.session);
    this.publish();
    return result;
  };

  /** Tells subscribers about the session's current version (no-op when unchanged). */
  publish = (): void => {
    const version = this.session?.version ?? -1;
    if (version === this.published) return;
    this.published = version;
    this.publishedAt = performance.now();
    for (const listener of this.listeners) listener();
  };
}
