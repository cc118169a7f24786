/** One problem found in an API definition: what every formatter prints. Lines and columns are 1-based. */
export interface Finding {
  /** The rule's name, e.g. `lis-error-envelope` or `oas3-schema`. */
  rule: string;
  /** The LIS clause the rule enforces (e.g. `ERR-001`), absent for design rules and Spectral's own rules. */
  clause?: string;
  severity: Severity;
  message: string;
  /** The file as given on the command line (or the referenced file the finding is in). */
  file: string;
  /** JSON path of the offending value, as segments, e.g. ["paths", "/v1/models", "get"]. */
  path: Array<string | number>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  documentationUrl?: string;
}

export const SEVERITIES = ["error", "warn", "info", "hint"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What one run of lis lint produced, across all files: the input of every formatter. */
export interface LintReport {
  files: string[];
  findings: Finding[];
  /** Every rule that ran, with what the formatters need to describe it (SARIF lists them). */
  rules: RuleInfo[];
  toolVersion: string;
}

export interface RuleInfo {
  name: string;
  description: string;
  clause?: string;
  documentationUrl?: string;
  severity: Severity;
}

export const severityRank = (severity: Severity) => SEVERITIES.indexOf(severity);

/** Finding counts per severity, for summaries. */
export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts = { error: 0, warn: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** The JSON path as people read it: `paths./v1/models.get.responses[200]`. */
export function printPath(path: Array<string | number>): string {
  let out = "";
  for (const segment of path) {
    const text = String(segment);
    if (typeof segment === "number" || /^\d+$/.test(text)) out += `[${text}]`;
    else out += out === "" ? text : `.${text}`;
  }
  return out;
}

/** The message with its clause in front, unless the rule's message already names it (LIS rules do). */
export const messageWithClause = (f: Finding) => (f.clause && !f.message.includes(f.clause) ? `${f.clause}: ${f.message}` : f.message);
