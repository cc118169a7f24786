/**
 * The metric registry of spec/1.0/evaluation.md as data: one small definition per metric, each a pure
 * function of the scored outcomes (like an ajv keyword). Ids are the registry's ids; a report names values by them.
 */
export type Task = "classification" | "generation";

/** One scored classification item. */
export interface LabelOutcome {
  gold: string;
  predicted: string;
}

/** One scored generation item. */
export interface TextOutcome {
  prediction: string;
  references: string[];
}

/** A division by zero that the zero-division rule turned into 0 (listed in the report). */
export interface ZeroDivision {
  metric: string;
  label?: string;
}

export interface MetricValue {
  id: string;
  value: number;
}

export interface MetricDefinition<Outcome> {
  id: string;
  task: Task;
  /** One line, for `lis eval --list-metrics` and tables. */
  description: string;
  compute(outcomes: readonly Outcome[]): number;
}

/** Anchor of a metric's definition in the spec (headings there are the metric's family name). */
export const definitionUrl = (family: string, version = "1.0") => `spec/${version}/evaluation.md#${family}`;
