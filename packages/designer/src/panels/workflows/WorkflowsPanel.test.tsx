// @vitest-environment happy-dom
import type { Approval, StateMachine } from "@plinth/runtime";
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderDesigner } from "../../testing/renderDesigner.js";
import { WorkflowsPanel } from "./WorkflowsPanel.js";

beforeAll(() => {
  // React Flow measures its pane; happy-dom has no layout, a no-op observer is enough to mount it.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

import { chooseOption } from "../../testing/antdSelect.js";

afterEach(cleanup);

const machine = (store: ReturnType<typeof renderDesigner>["store"]) =>
  store.getState().doc.workflows?.[0] as StateMachine;
const approval = (store: ReturnType<typeof renderDesigner>["store"]) => store.getState().doc.workflows?.[1] as Approval;

describe("the workflows panel", () => {
  it("lists the workflows and draws the stage machine's states as graph nodes", async () => {
    renderDesigner(<WorkflowsPanel />);
    const list = screen.getByRole("navigation", { name: "Workflows" });
    expect(within(list).getByRole("button", { name: /^opportunity_stage/ })).toBeTruthy();
    expect(within(list).getByRole("button", { name: /^big_deal_approval/ })).toBeTruthy();
    const graph = screen.getByRole("region", { name: "Stage graph" });
    await waitFor(() => expect(graph.querySelectorAll(".react-flow__node")).toHaveLength(5));
    expect(graph.textContent).toContain("Any state");
  });

  it("adds a transition from the form, selects it, and undoes it", async () => {
    const { store } = renderDesigner(<WorkflowsPanel />);
    await chooseOption("New transition from", "Closed lost");
    await chooseOption("New transition to", "Prospecting");
    await userEvent.click(screen.getByRole("button", { name: "Add transition" }));
    expect(machine(store).transitions[3]).toEqual({ id: "lost_to_prospecting", from: ["lost"], to: "prospecting" });
    expect(store.getState().selection).toBe("/workflows/0/transitions/3");
    const inspector = screen.getByRole("region", { name: "Transition" });
    expect((within(inspector).getByRole("textbox", { name: "ID" }) as HTMLInputElement).value).toBe(
      "lost_to_prospecting",
    );
    act(() => store.getState().undo());
    expect(machine(store).transitions).toHaveLength(3);
  });

  it("edits a guard and shows the core's issue for a bad one", async () => {
    const { store } = renderDesigner(<WorkflowsPanel />);
    act(() => store.getState().select("/workflows/0/transitions/0"));
    const guard = screen.getByRole("textbox", { name: "Guard (a formula that must be true)" }) as HTMLTextAreaElement;
    expect(guard.value).toBe("amount > 0");
    fireEvent.change(guard, { target: { value: "amount > nonsense" } });
    expect(machine(store).transitions[0]?.guard).toBe("amount > nonsense");
    expect(store.getState().past.at(-1)?.label).toEqual({
      en: "Edit Guard (a formula that must be true)",
      "zh-CN": "编辑守卫条件（必须为真的公式）",
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toMatch(/nonsense/);
    fireEvent.change(guard, { target: { value: "" } });
    expect(machine(store).transitions[0]).not.toHaveProperty("guard");
    act(() => store.getState().undo());
    expect(machine(store).transitions[0]?.guard).toBe("amount > 0");
  });

  it("sets a state's max days and a field set on entering it", async () => {
    const { store } = renderDesigner(<WorkflowsPanel />);
    await userEvent.click(
      within(screen.getByRole("list", { name: "States" })).getByRole("button", { name: "Closed lost" }),
    );
    const inspector = screen.getByRole("region", { name: "State" });
    fireEvent.change(within(inspector).getByRole("spinbutton", { name: "Most days in this state" }), {
      target: { value: "5" },
    });
    await chooseOption("Field to set", "probability");
    fireEvent.change(screen.getByRole("textbox", { name: "Formula for the value" }), { target: { value: "0" } });
    await userEvent.click(within(inspector).getByRole("button", { name: "Add" }));
    expect(machine(store).states[3]).toEqual({
      id: "lost",
      final: true,
      maxDays: 5,
      onEnter: [{ kind: "setFields", values: { probability: "0" } }],
    });
  });

  it("adds an approval step and moves it before another", async () => {
    const { store } = renderDesigner(<WorkflowsPanel />);
    act(() => store.getState().select("/workflows/1"));
    await userEvent.click(screen.getByRole("button", { name: "Add step" }));
    expect(approval(store).steps.map((s) => s.id)).toEqual(["manager", "finance", "step_3"]);
    expect(approval(store).steps[2]?.approvers).toEqual({ kind: "managerOf", field: "owner" });
    expect(screen.getByRole("region", { name: "Step" }).textContent).toContain("step_3");
    await userEvent.click(screen.getByRole("button", { name: "Move step step_3 up" }));
    expect(approval(store).steps.map((s) => s.id)).toEqual(["manager", "step_3", "finance"]);
    expect(store.getState().selection).toBe("/workflows/1/steps/1");
    await chooseOption("Voting mode", "A percentage approves");
    expect(approval(store).steps[1]).toMatchObject({ mode: "percentage", percentage: 50 });
    fireEvent.change(screen.getByRole("spinbutton", { name: "SLA (hours)" }), { target: { value: "48" } });
    expect(approval(store).steps[1]?.sla).toEqual({ hours: 48 });
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    act(() => store.getState().undo());
    expect(approval(store).steps.map((s) => s.id)).toEqual(["manager", "finance", "step_3"]);
  });

  it("selects a state or a step from the graph with the keyboard", async () => {
    const { store } = renderDesigner(<WorkflowsPanel />);
    const lost = await waitFor(() => {
      const node = document.querySelector<HTMLElement>('.react-flow__node[data-id="lost"]');
      expect(node).not.toBeNull();
      return node as HTMLElement;
    });
    fireEvent.keyDown(lost, { key: "Enter" });
    expect(store.getState().selection).toBe("/workflows/0/states/3");
    act(() => store.getState().select("/workflows/1"));
    const finance = await waitFor(() => {
      const node = document.querySelector<HTMLElement>('.react-flow__node[data-id="step:1"]');
      expect(node).not.toBeNull();
      return node as HTMLElement;
    });
    fireEvent.keyDown(finance, { key: " " });
    expect(store.getState().selection).toBe("/workflows/1/steps/1");
  });

  it("opens the item an issue's pointer names", () => {
    const { store } = renderDesigner(<WorkflowsPanel />);
    act(() => store.getState().select("/workflows/0/transitions/1/guard"));
    expect(screen.getByRole("region", { name: "Transition" }).textContent).toContain("Transition: win");
    act(() => store.getState().select("/workflows/1/steps/1/condition"));
    const step = screen.getByRole("region", { name: "Step" });
    expect(step.textContent).toContain("Step: finance");
    expect((within(step).getByRole("textbox", { name: /^Condition/ }) as HTMLTextAreaElement).value).toBe(
      "amount > 500000",
    );
  });

  it("sets where a new record starts from the machine's settings", async () => {
    const { store } = renderDesigner(<WorkflowsPanel />);
    act(() => store.getState().select("/workflows/0/initial"));
    const settings = screen.getByRole("region", { name: "Stage machine settings" });
    expect(settings.textContent).toContain("opportunity.stage");
    await chooseOption("A new record starts in", "Negotiation");
    expect(machine(store).initial).toBe("negotiation");
    expect(store.getState().past.at(-1)?.label.en).toBe("Start opportunity_stage at negotiation");
  });

  it("speaks Chinese", () => {
    const { store } = renderDesigner(<WorkflowsPanel />, { locale: "zh-CN" });
    act(() => store.getState().select("/workflows/0/states/1"));
    expect(screen.getByRole("region", { name: "状态" }).textContent).toContain("状态：谈判");
    expect(screen.getByRole("button", { name: /添加流转/ })).toBeTruthy();
  });
});
