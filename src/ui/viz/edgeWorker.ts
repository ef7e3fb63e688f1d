/**
 * The edge worker: rasterises the edge canvases' pictures off the main thread (edgeWorkerCore.ts), so
 * a frame of play spends no time stroking the ~5,000 edges of a 6×32 network. No logic of its own
 * beyond taking messages and drawing once those waiting have been read.
 */
import { createEdgeWorkerCore, type EdgeDrawReply, type EdgeWorkerRequest } from './edgeWorkerCore';

/** The worker's global scope, typed by hand (the webworker lib would leak worker globals into every file). */
interface WorkerScope {
  postMessage(message: EdgeDrawReply, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<EdgeWorkerRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;
const core = createEdgeWorkerCore((message, transfer) => scope.postMessage(message, transfer));
let scheduled = false;

scope.onmessage = (event: MessageEvent<EdgeWorkerRequest>) => {
  core.receive(event.data);
  if (scheduled) return;
  scheduled = true;
  // A task later: the messages already waiting are received first, so each canvas is drawn once, newest values.
  setTimeout(() => {
    scheduled = false;
    core.drawPending();
  }, 0);
};
