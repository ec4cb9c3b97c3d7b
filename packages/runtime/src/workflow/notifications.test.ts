import { describe, expect, it } from "vitest";
import { renderNotification } from "./messages.js";

describe("renderNotification", () => {
  const params = { workflow: "discount", submitter: "u1", step: "mgr" };

  it("shows the ids it was given when the host knows nothing more", () => {
    expect(renderNotification("approval.requested", params).en).toBe(
      "u1 asks for your approval on 'discount' (step 'mgr').",
    );
  });

  it("uses people's names and the workflow's and step's labels in each language", () => {
    const message = renderNotification("approval.requested", params, {
      definition: {
        label: { en: "Discount", "zh-CN": "折扣" },
        steps: [{ id: "mgr", label: { en: "Manager", "zh-CN": "经理" } }],
      },
      userName: (id) => (id === "u1" ? "Li Lei" : undefined),
    });
    expect(message).toEqual({
      en: "Li Lei asks for your approval on 'Discount' (step 'Manager').",
      "zh-CN": "Li Lei 请您审批“折扣”（步骤“经理”）。",
    });
  });

  it("falls back to the id for a step without a label and an unknown user", () => {
    const message = renderNotification(
      "approval.reassigned",
      { workflow: "discount", by: "ghost", step: "other" },
      { definition: { steps: [] }, userName: () => undefined },
    );
    expect(message.en).toBe("ghost passed step 'other' of 'discount' to you. Please decide.");
  });
});
