import type { InputDocument, SplitInput } from "./documents.js";
import type { ValidationError, Validator } from "./validators.js";

export interface DocumentResult {
  location: string;
  line: number;
  valid: boolean;
  /** Set when the document is not JSON. */
  parseError?: string;
  errors: ValidationError[];
}

export interface ValidationReport {
  file: string;
  schema: string;
  spec: string;
  input: SplitInput["form"];
  bodyForm?: SplitInput["bodyForm"];
  http?: SplitInput["http"];
  valid: boolean;
  documents: DocumentResult[];
  notes: string[];
}

/** Pure: validates every document of a split input. */
export function validateDocuments(
  input: SplitInput,
  validator: Validator,
  meta: { file: string; schema: string; spec: string },
): ValidationReport {
  const documents = input.documents.map((doc: InputDocument): DocumentResult => {
    if (doc.parseError !== undefined) return { location: doc.location, line: doc.line, valid: false, parseError: doc.parseError, errors: [] };
    const result = validator(doc.value);
    return { location: doc.location, line: doc.line, valid: result.valid, errors: result.errors };
  });
  return {
    ...meta,
    input: input.form,
    ...(input.bodyForm ? { bodyForm: input.bodyForm } : {}),
    ...(input.http ? { http: input.http } : {}),
    valid: documents.length > 0 && documents.every((d) => d.valid),
    documents,
    notes: documents.length === 0 ? [...input.notes, "no JSON document found to validate"] : input.notes,
  };
}
