import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { ROOT } from "../../tools/util/paths.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/** schemas/reports/conformance-report.schema.json, compiled with formats (date-time). */
export function reportValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, "schemas", "reports", "conformance-report.schema.json"), "utf8")));
}
