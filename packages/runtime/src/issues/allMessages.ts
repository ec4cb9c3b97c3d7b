import { accessMessages } from "../access/messages.js";
import { schemaMessages } from "../app/messages.js";
import { recordMessages } from "../data/messages.js";
import { backendMessages } from "../expr/backendMessages.js";
import { formulaMessages } from "../expr/messages.js";
import { lintConfigMessages } from "../lint/messages.js";
import { automationMessages } from "../workflow/automationMessages.js";
import { workflowMessages } from "../workflow/messages.js";
import type { MessageCatalogue } from "./catalogue.js";

/** The areas of the runtime's issue catalogue, in documentation order. */
export const catalogueAreas: ReadonlyArray<{ readonly area: string; readonly messages: MessageCatalogue }> = [
  { area: "App documents", messages: schemaMessages },
  { area: "Formulas", messages: { ...formulaMessages, ...backendMessages } },
  { area: "Records", messages: recordMessages },
  { area: "Access", messages: accessMessages },
  { area: "Workflows and approvals", messages: workflowMessages },
  { area: "Automations", messages: automationMessages },
  { area: "Lint configuration (plinth lint --config)", messages: lintConfigMessages },
];

/** Every issue code the runtime can report, with its message templates. */
export function allMessages(): ReadonlyMap<string, MessageCatalogue[string]> {
  const all = new Map<string, MessageCatalogue[string]>();
  for (const { messages } of catalogueAreas) {
    for (const [code, template] of Object.entries(messages)) {
      if (all.has(code)) throw new Error(`Issue code ${code} is defined twice`);
      all.set(code, template);
    }
  }
  return all;
}
