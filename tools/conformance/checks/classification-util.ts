/** Reading the results of a POST /classifications response the same way in every classification check. */
import { isObject } from "./util.js";

export interface ResultLabels {
  index: unknown;
  label: unknown;
  labels: { label: unknown; probability: unknown }[];
}

/** Each result of `data`, with its labels (objects only); undefined when the body has no `data` array. */
export function classificationResults(doc: unknown): ResultLabels[] | undefined {
  if (!isObject(doc) || !Array.isArray(doc.data)) return undefined;
  return doc.data.filter(isObject).map((r) => ({
    index: r.index,
    label: r.label,
    labels: Array.isArray(r.labels) ? r.labels.filter(isObject).map((l) => ({ label: l.label, probability: l.probability })) : [],
  }));
}
