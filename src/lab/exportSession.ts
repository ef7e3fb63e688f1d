/**
 * The exports of a lab session as files (name, text, MIME type): an adapter from the session's
 * state to the pure builders of export.ts, so the UI only has to turn the text into a download.
 */
import { defaultSplit, exportFileName, latexDocument, metricsCsv, modelFile, modelJson, predictionsCsv, type SplitName } from './export';
import { equationsOf } from './history';
import type { LabSession } from './session';

/** A file to download. */
export interface ExportFile {
  name: string;
  text: string;
  mime: string;
}

type Session = Pick<LabSession, 'network' | 'dataset' | 'settings' | 'metrics' | 'entry' | 'sizes'>;

/** The newest network (after the last trained batch) with its data description, settings and latest evaluation. */
export function modelExport(session: Session): ExportFile {
  const text = modelJson(modelFile(session.network, session.dataset, session.settings, session.metrics.latest));
  return { name: exportFileName(session.dataset.name, `model-t${session.network.updates}`, 'json'), text, mime: 'application/json' };
}

/** Every update's batch loss and every epoch's train/test evaluation. */
export function metricsExport(session: Session): ExportFile {
  return { name: exportFileName(session.dataset.name, 'metrics', 'csv'), text: metricsCsv(session.metrics, session.dataset.task), mime: 'text/csv' };
}

/** The newest network's predictions on the test split (or `split`). */
export function predictionsExport(session: Session, split: SplitName = defaultSplit(session.dataset)): ExportFile {
  const text = predictionsCsv(session.network, session.dataset, split);
  return { name: exportFileName(session.dataset.name, `predictions-${split}`, 'csv'), text, mime: 'text/csv' };
}

/** The equations of the batch on screen as a LaTeX document; null before the first batch. */
export function latexExport(session: Session): ExportFile | null {
  const entry = session.entry;
  if (!entry) return null;
  const { dataset } = session;
  const text = latexDocument(equationsOf(dataset, entry), {
    datasetName: dataset.name,
    featureNames: dataset.featureNames,
    targetName: dataset.targetName,
    sizes: session.sizes,
    epoch: entry.epoch + 1,
    batch: entry.batchIndex + 1,
    batchCount: entry.batchCount,
    update: entry.update,
    m: entry.m,
    learningRate: entry.options.learningRate,
    optimizer: entry.options.optimizer,
    l2: entry.options.l2,
  });
  return { name: exportFileName(dataset.name, `equations-t${entry.update}`, 'tex'), text, mime: 'application/x-tex' };
}
