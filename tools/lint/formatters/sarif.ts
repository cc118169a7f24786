import { pathToFileURL } from "node:url";
import { isAbsolute } from "node:path";
import { messageWithClause, type LintReport, type Severity } from "../findings.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warn: "warning", info: "note", hint: "note" };

/** SARIF 2.1.0 (for GitHub code scanning and other SARIF viewers); file URIs are relative to the working directory. */
export function formatSarif(report: LintReport): string {
  const ruleIds = [...new Set([...report.rules.map((r) => r.name), ...report.findings.map((f) => f.rule)])];
  const ruleInfo = new Map(report.rules.map((rule) => [rule.name, rule]));
  const rules = ruleIds.map((id) => {
    const info = ruleInfo.get(id);
    return {
      id,
      shortDescription: { text: info?.description ?? id },
      ...(info?.documentationUrl ? { helpUri: info.documentationUrl } : {}),
      defaultConfiguration: { level: LEVEL[info?.severity ?? "error"] },
      ...(info?.clause ? { properties: { clause: info.clause } } : {}),
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: LEVEL[f.severity],
    message: { text: messageWithClause(f) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file) },
          region: { startLine: f.line, startColumn: f.column, endLine: Math.max(f.endLine, f.line), endColumn: Math.max(f.endColumn, 1) },
        },
        logicalLocations: [{ fullyQualifiedName: f.path.map(String).join("/") || "/" }],
      },
    ],
    ...(f.clause ? { properties: { clause: f.clause } } : {}),
  }));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "lis lint", version: report.toolVersion, informationUri: "https://lis-spec.org/", rules } },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}
