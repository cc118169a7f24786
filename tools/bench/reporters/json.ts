/** The report itself (schema perf-report), as written to a file. */
import type { PerfReport } from "../report.js";

export const render = (report: PerfReport): string => JSON.stringify(report, null, 2) + "\n";
