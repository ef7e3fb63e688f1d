/**
 * Code that is not part of the opening screen's bundle: a dynamic import() started on first use (or
 * by a preload), whose module the lab can then call synchronously.
 */

/** A module loaded on demand: `get()` is null until `load()` has resolved. */
export interface OnDemand<T> {
  /** Starts the import if it has not started (a failed one is tried again); resolves with the module. */
  load(): Promise<T>;
  /** The module once loaded, else null. */
  get(): T | null;
}

/** A module that `importer` (a dynamic import in the app, a stub in tests) gives on first use. */
export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let loaded: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    load() {
      if (loaded) return Promise.resolve(loaded);
      pending ??= importer().then(
        (module) => (loaded = module),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    get: () => loaded,
  };
}
