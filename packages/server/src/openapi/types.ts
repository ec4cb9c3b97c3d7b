import type { JsonSchema } from "@plinth/runtime";

/**
 * The parts of OpenAPI 3.1 that Plinth's documents use. Schemas are plain JSON Schema
 * (2020-12), the same objects Fastify validates with.
 */

/** `{ $ref }` to a component (a type alias, so it is also a JSON Schema). */
export type Reference = { readonly $ref: string };

export interface ParameterObject {
  readonly name: string;
  readonly in: "query" | "header" | "path" | "cookie";
  readonly required?: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
  readonly example?: unknown;
}

export interface MediaTypeObject {
  readonly schema: JsonSchema;
}

export interface HeaderObject {
  readonly description?: string;
  readonly schema: JsonSchema;
}

export interface ResponseObject {
  readonly description: string;
  readonly headers?: Readonly<Record<string, HeaderObject>>;
  readonly content?: Readonly<Record<string, MediaTypeObject>>;
}

export interface RequestBodyObject {
  readonly required?: boolean;
  readonly description?: string;
  readonly content: Readonly<Record<string, MediaTypeObject>>;
}

/** Alternatives: each entry names security schemes that together authorise a call; `{}` means none needed. */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface OperationObject {
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly parameters?: ReadonlyArray<ParameterObject | Reference>;
  readonly requestBody?: RequestBodyObject;
  readonly responses: Readonly<Record<string, ResponseObject | Reference>>;
  readonly security?: readonly SecurityRequirement[];
}

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type PathItemObject = { readonly parameters?: ReadonlyArray<ParameterObject | Reference> } & {
  readonly [M in HttpMethod]?: OperationObject;
};

export type SecuritySchemeObject =
  | {
      readonly type: "apiKey";
      readonly in: "cookie" | "header" | "query";
      readonly name: string;
      readonly description?: string;
    }
  | { readonly type: "http"; readonly scheme: string; readonly bearerFormat?: string; readonly description?: string };

export interface TagObject {
  readonly name: string;
  readonly description?: string;
}

export interface ComponentsObject {
  readonly schemas?: Readonly<Record<string, JsonSchema>>;
  readonly responses?: Readonly<Record<string, ResponseObject>>;
  readonly securitySchemes?: Readonly<Record<string, SecuritySchemeObject>>;
}

/** An OpenAPI 3.1 document. */
export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly servers?: ReadonlyArray<{ readonly url: string; readonly description?: string }>;
  readonly tags?: readonly TagObject[];
  readonly security?: readonly SecurityRequirement[];
  readonly paths: Readonly<Record<string, PathItemObject>>;
  readonly components: ComponentsObject;
}
