import { printPath, type Finding, type LintReport, messageWithClause } from "../findings.js";

const escapeXml = (text: string) =>
  text
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!)
    // XML 1.0 cannot carry most control characters, not even escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");

/** JUnit XML: one test suite per file, one failing test case per finding, one passing case for a clean file. */
export function formatJunit(report: LintReport): string {
  const byFile = new Map<string, Finding[]>(report.files.map((file) => [file, []]));
  for (const f of report.findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  let tests = 0;
  const suites = [...byFile].map(([file, findings]) => {
    const cases = findings.map((f) => {
      const name = `${f.rule} at ${f.line}:${f.column} ${printPath(f.path)}`;
      const body = `${f.file}:${f.line}:${f.column} ${f.severity} ${f.rule}\n${messageWithClause(f)}\npath: ${printPath(f.path)}`;
      return `    <testcase classname="${escapeXml(file)}" name="${escapeXml(name)}">\n      <failure type="${f.severity}" message="${escapeXml(f.message)}">${escapeXml(body)}</failure>\n    </testcase>`;
    });
    if (cases.length === 0) cases.push(`    <testcase classname="${escapeXml(file)}" name="lis lint"/>`);
    tests += cases.length;
    return `  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${findings.length}" errors="0">\n${cases.join("\n")}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="lis lint" tests="${tests}" failures="${report.findings.length}">\n${suites.join("\n")}\n</testsuites>\n`;
}
