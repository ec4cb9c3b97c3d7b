import { renderMessage, workflowHostMessages } from "@plinth/runtime";
import { HttpError } from "../http/errors.js";

/** Server-side workflow errors (the catalogue lives in the runtime so data sources answer the same). */
export const workflowServerMessages = workflowHostMessages;

export function workflowError(
  status: number,
  code: keyof typeof workflowServerMessages,
  params: Record<string, unknown>,
  details: Record<string, unknown> = {},
  path = "",
): HttpError {
  return new HttpError(status, code, renderMessage(workflowServerMessages[code], params), path, details);
}
