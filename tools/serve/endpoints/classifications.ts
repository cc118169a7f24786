import { invalidRequest, missingParameter } from "../http/errors.js";
import { embed } from "../model/index.js";
import { array, boolean, lisMember, onlyKnown, optional, required, string, wrongType } from "../validate/fields.js";
import { MAX_BATCH_SIZE } from "./discovery.js";
import { servedModel } from "./models.js";
import type { EndpointContext, Reply } from "./types.js";
import { followsErrata } from "../versions.js";

/**
 * lis-tiny's fixed label set (declared as `lis.labels`, CLS-008), each with a prototype text: an input is
 * scored by the cosine of its embedding with the prototype's (or, zero-shot, with the label's own text).
 */
export const FIXED_LABELS: readonly { label: string; prototype: string }[] = [
  { label: "negative", prototype: "bad awful terrible sad hate angry late broken worst poor" },
  { label: "neutral", prototype: "the a of and is it to in that was for on" },
  { label: "positive", prototype: "good great lovely happy love like wonderful best nice excellent" },
];

/** Sharpness of the softmax over cosines (cosines lie in [-1, 1]). */
const TEMPERATURE = 0.1;
const PARAMETERS = new Set(["model", "input", "labels", "multi_label", "user", "lis"]);

export interface LabelScore {
  label: string;
  probability: number;
}

/** Pure: the probabilities of one input over a label set; single-label = softmax, multi-label = sigmoids. */
export function classify(input: string, labels: readonly { label: string; prototype: string }[], multiLabel: boolean): LabelScore[] {
  const x = embed(input);
  const cos = labels.map((l) => {
    const y = embed(l.prototype);
    return x.reduce((s, xi, i) => s + xi * y[i], 0);
  });
  if (multiLabel) return labels.map((l, i) => ({ label: l.label, probability: 1 / (1 + Math.exp(-cos[i] / TEMPERATURE + 2)) }));
  const top = Math.max(...cos);
  const exp = cos.map((c) => Math.exp((c - top) / TEMPERATURE));
  const sum = exp.reduce((a, b) => a + b, 0);
  return labels.map((l, i) => ({ label: l.label, probability: exp[i] / sum }));
}

/** The first label with the highest probability (CLS-004). */
export const topLabel = (scores: readonly LabelScore[]) => scores.reduce((best, s) => (s.probability > best.probability ? s : best)).label;

function parseLabels(v: unknown): string[] {
  const items = array(v, "labels", 1, 1000);
  const seen = new Set<string>();
  return items.map((item, i) => {
    const at = `labels[${i}]`;
    const label = string(item, at);
    if (label === "") throw invalidRequest(`Invalid value for '${at}': a label must not be empty.`, at);
    if (seen.has(label)) throw invalidRequest(`Invalid value for '${at}': the label '${label.slice(0, 80)}' appears twice; labels must be distinct.`, at);
    seen.add(label);
    return label;
  });
}

function parseInput(v: unknown): string[] {
  if (typeof v === "string") {
    if (v === "") throw invalidRequest("Invalid value for 'input': the input must not be an empty string.", "input");
    return [v];
  }
  const items = array(v, "input", 1, MAX_BATCH_SIZE);
  return items.map((item, i) => {
    if (typeof item !== "string") throw wrongType(`input[${i}]`, "a string", item);
    if (item === "") throw invalidRequest(`Invalid value for 'input[${i}]': the input must not be an empty string.`, `input[${i}]`);
    return item;
  });
}

/** POST /v1/classifications */
export function createClassifications(ctx: EndpointContext): Reply {
  const o = ctx.body ?? {};
  if (!ctx.hooks.has("accept-unknown-parameters")) onlyKnown(o, PARAMETERS, "", followsErrata(ctx.spec));
  lisMember(o, "", followsErrata(ctx.spec));
  const modelId = string(required(o, "model"), "model");
  optional(o, "user", "", string, "");
  const inputs = parseInput(required(o, "input"));
  const given = optional(o, "labels", "", parseLabels, undefined as string[] | undefined);
  const multiLabel = optional(o, "multi_label", "", boolean, false);
  const model = servedModel(ctx, modelId);
  if (given === undefined && FIXED_LABELS.length === 0) throw missingParameter("labels");
  const labelSet = given ? given.map((label) => ({ label, prototype: label })) : FIXED_LABELS;
  const data = inputs.map((text, index) => {
    const labels = classify(text, labelSet, multiLabel);
    return { object: "classification", index, label: topLabel(labels), labels };
  });
  const promptTokens = inputs.reduce((sum, text) => sum + ctx.model.countTokens(text), 0);
  return { kind: "json", status: 200, body: { object: "list", model: model.id, data, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } } };
}
