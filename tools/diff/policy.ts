/**
 * The versioning policy table of spec/1.0/versioning.md as data: every kind of change that `lis diff` reports,
 * its row id, the direction it applies to and its classification. The spec's table and this list are kept
 * identical by a test; `lis diff` never classifies a change anywhere else.
 */
export type Classification = "breaking" | "non-breaking" | "informational";
/** Where a change is felt: in what clients send (request), what servers send (response), an endpoint as a whole, or anywhere. */
export type RowDirection = "request" | "response" | "endpoint" | "any";
export type Direction = "request" | "response" | "endpoint";

export interface PolicyRow {
  id: string;
  direction: RowDirection;
  classification: Classification;
  /** What changed, in a few words (the table's "Change" column). */
  change: string;
  /** Who is affected and how (the table's "Why" column). */
  why: string;
  /** What a server must do before it claims the new version, when anything (the table's "Servers" column). */
  servers?: string;
}

const B = "breaking" as const;
const N = "non-breaking" as const;
const I = "informational" as const;

const SERVERS_ACCEPT = "must accept the newly allowed requests";
const SERVERS_SEND = "must stop sending what is no longer allowed";

export const POLICY: readonly PolicyRow[] = [
  // Endpoints
  { id: "OP-PATH-ADDED", direction: "endpoint", classification: N, change: "new path", why: "existing clients never call it", servers: "must serve it if its profile is claimed" },
  { id: "OP-PATH-REMOVED", direction: "endpoint", classification: B, change: "path removed", why: "existing clients calling it get 404" },
  { id: "OP-METHOD-ADDED", direction: "endpoint", classification: N, change: "new method on an existing path", why: "existing clients never call it", servers: "must serve it if its profile is claimed" },
  { id: "OP-METHOD-REMOVED", direction: "endpoint", classification: B, change: "method removed from a path", why: "existing clients calling it get 405" },

  // Request: parameters, bodies, media types
  { id: "REQ-PARAM-ADDED-REQUIRED", direction: "request", classification: B, change: "new required parameter", why: "existing clients do not send it and are rejected" },
  { id: "REQ-PARAM-ADDED-OPTIONAL", direction: "request", classification: N, change: "new optional parameter", why: "existing clients omit it and keep working", servers: "must accept it" },
  { id: "REQ-PARAM-REMOVED", direction: "request", classification: B, change: "parameter removed", why: "clients that send it are rejected or silently lose its effect" },
  { id: "REQ-PARAM-BECAME-REQUIRED", direction: "request", classification: B, change: "optional parameter made required", why: "clients that omit it are rejected" },
  { id: "REQ-PARAM-BECAME-OPTIONAL", direction: "request", classification: N, change: "required parameter made optional", why: "every existing request still carries it", servers: "must accept requests without it" },
  { id: "REQ-BODY-ADDED-REQUIRED", direction: "request", classification: B, change: "new required request body", why: "existing clients send no body and are rejected" },
  { id: "REQ-BODY-ADDED-OPTIONAL", direction: "request", classification: N, change: "new optional request body", why: "existing clients send none and keep working", servers: "must accept it" },
  { id: "REQ-BODY-REMOVED", direction: "request", classification: B, change: "request body removed", why: "clients that send one are rejected or lose its effect" },
  { id: "REQ-BODY-BECAME-REQUIRED", direction: "request", classification: B, change: "optional request body made required", why: "clients that send none are rejected" },
  { id: "REQ-BODY-BECAME-OPTIONAL", direction: "request", classification: N, change: "required request body made optional", why: "every existing request still carries one", servers: "must accept requests without one" },
  { id: "REQ-MEDIA-TYPE-ADDED", direction: "request", classification: N, change: "request body accepts a new media type", why: "existing clients keep sending the old one", servers: SERVERS_ACCEPT },
  { id: "REQ-SECURITY-TIGHTENED", direction: "request", classification: B, change: "authentication required where it was not, or an accepted security scheme removed", why: "clients without the new credentials are rejected with 401" },
  { id: "REQ-SECURITY-LOOSENED", direction: "request", classification: N, change: "authentication no longer required, or another security scheme accepted", why: "the credentials existing clients send are still accepted", servers: SERVERS_ACCEPT },
  { id: "REQ-MEDIA-TYPE-REMOVED", direction: "request", classification: B, change: "request body media type removed (or changed)", why: "clients sending it get 415" },

  // Response: status codes, media types, headers
  { id: "RES-STATUS-ADDED-SUCCESS", direction: "response", classification: B, change: "new success (2xx) status", why: "clients written for the old success status and its body do not handle the new one" },
  { id: "RES-STATUS-ADDED-ERROR", direction: "response", classification: N, change: "new error status (4xx, 5xx, default)", why: "clients already handle errors by status class and the error envelope" },
  { id: "RES-STATUS-REMOVED-SUCCESS", direction: "response", classification: B, change: "success status removed (or changed)", why: "clients waiting for it receive something else" },
  { id: "RES-STATUS-REMOVED-ERROR", direction: "response", classification: N, change: "error status removed", why: "clients that handle it lose nothing", servers: SERVERS_SEND },
  { id: "RES-MEDIA-TYPE-ADDED", direction: "response", classification: N, change: "response offers a new media type", why: "served only to clients that ask for it (Accept, or a request member such as `stream`)" },
  { id: "RES-MEDIA-TYPE-REMOVED", direction: "response", classification: B, change: "response media type removed (or changed)", why: "clients parsing the old media type fail" },
  { id: "RES-HEADER-ADDED", direction: "response", classification: N, change: "new response header", why: "clients ignore headers they do not know" },
  { id: "RES-HEADER-REMOVED", direction: "response", classification: B, change: "response header removed", why: "clients that read it lose it" },

  // Request schemas (what clients send)
  { id: "REQ-PROPERTY-ADDED-OPTIONAL", direction: "request", classification: N, change: "new optional request member", why: "existing clients omit it", servers: "must accept it (or reject it by name, ERR-016)" },
  { id: "REQ-PROPERTY-ADDED-REQUIRED", direction: "request", classification: B, change: "new required request member", why: "existing clients do not send it and are rejected" },
  { id: "REQ-PROPERTY-REMOVED", direction: "request", classification: B, change: "request member removed", why: "clients that send it are rejected as unknown or silently lose its effect" },
  { id: "REQ-PROPERTY-BECAME-REQUIRED", direction: "request", classification: B, change: "optional request member made required", why: "clients that omit it are rejected" },
  { id: "REQ-PROPERTY-BECAME-OPTIONAL", direction: "request", classification: N, change: "required request member made optional", why: "every existing request still carries it", servers: "must accept requests without it (and define the default)" },
  { id: "REQ-TYPE-CHANGED", direction: "request", classification: B, change: "request value type changed (neither wider nor narrower)", why: "values existing clients send are rejected" },
  { id: "REQ-TYPE-WIDENED", direction: "request", classification: N, change: "request value accepts more types (e.g. adds null, integer to number)", why: "every value existing clients send is still valid", servers: SERVERS_ACCEPT },
  { id: "REQ-TYPE-NARROWED", direction: "request", classification: B, change: "request value accepts fewer types", why: "clients sending a dropped type are rejected" },
  { id: "REQ-ENUM-VALUE-ADDED", direction: "request", classification: N, change: "enum of a request value widened", why: "every value existing clients send is still valid", servers: SERVERS_ACCEPT },
  { id: "REQ-ENUM-VALUE-REMOVED", direction: "request", classification: B, change: "enum of a request value narrowed (or a const changed)", why: "clients sending the dropped value are rejected" },
  { id: "REQ-LIMIT-TIGHTENED", direction: "request", classification: B, change: "request limit tightened (minimum, maximum, exclusive*, multipleOf, min/maxLength, min/maxItems, min/maxProperties, uniqueItems)", why: "values existing clients send may now be rejected" },
  { id: "REQ-LIMIT-LOOSENED", direction: "request", classification: N, change: "request limit loosened or removed", why: "every value existing clients send is still valid", servers: SERVERS_ACCEPT },
  { id: "REQ-PATTERN-ADDED", direction: "request", classification: B, change: "pattern added to a request string", why: "strings existing clients send may not match" },
  { id: "REQ-PATTERN-REMOVED", direction: "request", classification: N, change: "pattern removed from a request string", why: "every string existing clients send is still valid", servers: SERVERS_ACCEPT },
  { id: "REQ-PATTERN-CHANGED", direction: "request", classification: B, change: "pattern of a request string changed", why: "whether old strings still match cannot be decided in general, so it counts as a tightening" },
  { id: "REQ-FORMAT-ADDED", direction: "request", classification: B, change: "format added to a request string", why: "strings existing clients send may not be in that format" },
  { id: "REQ-FORMAT-REMOVED", direction: "request", classification: N, change: "format removed from a request string", why: "every string existing clients send is still valid", servers: SERVERS_ACCEPT },
  { id: "REQ-FORMAT-CHANGED", direction: "request", classification: B, change: "format of a request string changed", why: "strings in the old format are rejected" },
  { id: "REQ-ADDITIONAL-PROPERTIES-CLOSED", direction: "request", classification: B, change: "request object closed (additionalProperties: false)", why: "clients sending extra members are rejected" },
  { id: "REQ-ADDITIONAL-PROPERTIES-OPENED", direction: "request", classification: N, change: "request object opened (additionalProperties no longer false)", why: "every existing request is still valid", servers: "must accept or name unknown members (ERR-015)" },
  { id: "REQ-VARIANT-ADDED", direction: "request", classification: N, change: "new alternative in oneOf/anyOf of a request value", why: "every value existing clients send is still valid", servers: SERVERS_ACCEPT },
  { id: "REQ-VARIANT-REMOVED", direction: "request", classification: B, change: "alternative removed from oneOf/anyOf of a request value", why: "clients sending that form are rejected" },
  { id: "REQ-DEFAULT-CHANGED", direction: "request", classification: B, change: "default of a request member changed or removed", why: "clients that omit the member silently get different behaviour" },

  // Response schemas (what servers send, clients read)
  { id: "RES-PROPERTY-ADDED-OPTIONAL", direction: "response", classification: N, change: "new optional response member", why: "clients ignore members they do not know (CONV-002)" },
  { id: "RES-PROPERTY-ADDED-REQUIRED", direction: "response", classification: N, change: "new required response member", why: "clients ignore members they do not know (CONV-002)", servers: "must send it" },
  { id: "RES-PROPERTY-REMOVED", direction: "response", classification: B, change: "response member removed", why: "clients reading it get nothing" },
  { id: "RES-PROPERTY-BECAME-REQUIRED", direction: "response", classification: N, change: "optional response member made required", why: "clients already handle it present", servers: "must always send it" },
  { id: "RES-PROPERTY-BECAME-OPTIONAL", direction: "response", classification: B, change: "required response member made optional", why: "clients that rely on its presence fail when it is absent" },
  { id: "RES-TYPE-CHANGED", direction: "response", classification: B, change: "response value type changed", why: "clients parse the value as the old type and fail" },
  { id: "RES-TYPE-WIDENED", direction: "response", classification: B, change: "response value may have more types (e.g. adds null)", why: "typed clients (generated structs, serde, zod) reject or crash on the new type" },
  { id: "RES-TYPE-NARROWED", direction: "response", classification: N, change: "response value has fewer possible types", why: "clients already handle the remaining types", servers: SERVERS_SEND },
  { id: "RES-ENUM-VALUE-ADDED", direction: "response", classification: B, change: "enum of a response value widened", why: "strict clients (enum-typed deserialisers in Go, Rust, Java, Swift; exhaustive switches) reject or mishandle the unknown value; mark the enum open (`x-lis-open-enum: true`) to promise that values may be added" },
  { id: "RES-ENUM-VALUE-ADDED-OPEN", direction: "response", classification: N, change: "value added to an enum marked open (`x-lis-open-enum: true`)", why: "clients are required to handle unknown values of an open enum" },
  { id: "RES-ENUM-VALUE-REMOVED", direction: "response", classification: N, change: "enum of a response value narrowed", why: "clients already handle the remaining values", servers: SERVERS_SEND },
  { id: "RES-LIMIT-TIGHTENED", direction: "response", classification: N, change: "response limit tightened", why: "every value clients can now receive was valid before", servers: SERVERS_SEND },
  { id: "RES-LIMIT-LOOSENED", direction: "response", classification: B, change: "response limit loosened or removed", why: "clients sized or validated for the old limit may fail" },
  { id: "RES-PATTERN-ADDED", direction: "response", classification: N, change: "pattern added to a response string", why: "every string clients can now receive was valid before", servers: SERVERS_SEND },
  { id: "RES-PATTERN-REMOVED", direction: "response", classification: B, change: "pattern removed from a response string", why: "clients that parse the string by its pattern may fail" },
  { id: "RES-PATTERN-CHANGED", direction: "response", classification: B, change: "pattern of a response string changed", why: "clients that parse the string by the old pattern may fail" },
  { id: "RES-FORMAT-ADDED", direction: "response", classification: N, change: "format added to a response string", why: "every string clients can now receive was valid before", servers: SERVERS_SEND },
  { id: "RES-FORMAT-REMOVED", direction: "response", classification: B, change: "format removed from a response string", why: "clients that parse the string (date-time, uri) may fail" },
  { id: "RES-FORMAT-CHANGED", direction: "response", classification: B, change: "format of a response string changed", why: "clients parse the string in the old format and fail" },
  { id: "RES-ADDITIONAL-PROPERTIES-CLOSED", direction: "response", classification: N, change: "response object closed", why: "clients receive fewer kinds of object than before", servers: "must stop sending extra members" },
  { id: "RES-ADDITIONAL-PROPERTIES-OPENED", direction: "response", classification: N, change: "response object opened", why: "clients ignore members they do not know (CONV-002)" },
  { id: "RES-VARIANT-ADDED", direction: "response", classification: B, change: "new alternative in oneOf/anyOf of a response value", why: "clients that handle each known alternative meet one they do not know" },
  { id: "RES-VARIANT-REMOVED", direction: "response", classification: N, change: "alternative removed from oneOf/anyOf of a response value", why: "clients already handle the remaining alternatives", servers: SERVERS_SEND },
  { id: "RES-DEFAULT-CHANGED", direction: "response", classification: I, change: "default of a response member changed", why: "a response member's value is always sent; its default only documents it" },

  // Schema folders (no OpenAPI document): named schemas as a whole
  { id: "SCHEMA-ADDED", direction: "any", classification: N, change: "new schema file in a schema folder", why: "nothing existing refers to it" },
  { id: "SCHEMA-REMOVED", direction: "any", classification: B, change: "schema file removed from a schema folder", why: "validators and generated types that use it by name break" },

  // Documentation only
  { id: "DESCRIPTION-CHANGED", direction: "any", classification: I, change: "title, summary, description, example(s) or externalDocs changed", why: "documentation only; no wire change" },
  { id: "DEFAULT-ADDED", direction: "any", classification: I, change: "default documented where there was none", why: "documents behaviour that was unspecified before" },
  { id: "DEPRECATED-ADDED", direction: "any", classification: I, change: "marked deprecated", why: "still works; removal is only allowed in a major version (VER-013)" },
  { id: "DEPRECATED-REMOVED", direction: "any", classification: I, change: "deprecation withdrawn", why: "still works as before" },
  { id: "EXTENSION-CHANGED", direction: "any", classification: I, change: "a vendor extension (`x-...`) changed", why: "extensions carry no wire semantics for clients" },
];

export const POLICY_BY_ID: ReadonlyMap<string, PolicyRow> = new Map(POLICY.map((row) => [row.id, row]));

export const CLASSIFICATION_RANK: Record<Classification, number> = { informational: 0, "non-breaking": 1, breaking: 2 };

export function policyRow(id: string): PolicyRow {
  const row = POLICY_BY_ID.get(id);
  // A rule that names a row the policy lacks is a bug of ours, caught by the policy tests.
  if (!row) throw new Error(`lis diff: no policy row ${id}`);
  return row;
}

/** The row for a schema change kind ("PROPERTY-REMOVED") seen in a direction: REQ-/RES- rows first, then direction-free ones. */
export function rowFor(kind: string, direction: Direction): PolicyRow {
  const prefix = direction === "request" ? "REQ-" : direction === "response" ? "RES-" : "OP-";
  return POLICY_BY_ID.get(prefix + kind) ?? policyRow(kind);
}
