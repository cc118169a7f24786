import { describe, expect, it } from "vitest";
import { readableLocation } from "../../tools/diff/formatters/location.js";

describe("readableLocation: where a change is, as oasdiff says it", () => {
  it("names an operation by method and path, its parts in words, media types whole", () => {
    expect(readableLocation("#/paths/~1chat~1completions/post/requestBody/content/application~1json/schema/properties/model")).toBe("POST /chat/completions › request body › application/json › schema › properties › model");
    expect(readableLocation("openapi.yaml#/paths/~1models~1{id}/get/responses/404/content/application~1json/schema")).toBe("openapi.yaml: GET /models/{id} › response 404 › application/json › schema");
    expect(readableLocation("#/paths/~1a/get/parameters/0/deprecated")).toBe("GET /a › parameter 0 › deprecated");
    expect(readableLocation("#/paths/~1a")).toBe("/a");
  });

  it("keeps components and schema files by name, and decodes ~0 and ~1", () => {
    expect(readableLocation("#/components/schemas/Error/properties/code")).toBe("schemas Error › properties › code");
    expect(readableLocation("chat-message.schema.json#/$defs/AssistantMessage/properties/a~1b~0c")).toBe("chat-message.schema.json: $defs › AssistantMessage › properties › a/b~c");
    expect(readableLocation("#/security")).toBe("security");
    expect(readableLocation("#")).toBe("(the document)");
    expect(readableLocation("event (request)")).toBe("event (request)");
  });
});
