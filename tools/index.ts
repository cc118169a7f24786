export { ROOT } from "./util/paths.js";
export { loadClauses, parseClauses, PROFILES, AREAS } from "./clauses/registry.js";
export type { Clause, ClauseLevel } from "./clauses/registry.js";
export { getValidator, schemaNames } from "./validate/validators.js";
export type { Validator, ValidationResult, ValidationError } from "./validate/validators.js";
export { splitDocuments } from "./validate/documents.js";
export { generateTypes } from "./codegen/generate.js";
