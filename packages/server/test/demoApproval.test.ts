import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Server, testServer } from "./support/server.js";

const OPPS = "/api/apps/starter/data/opportunity";

interface Inbox {
  approvals: Array<{ recordId: string; workflow: string; title?: string; submitterName?: string }>;
  notifications: Array<{ message: unknown; recordId?: string }>;
}

/** The demo's discount approval: rep asks, the region's manager decides, finance joins above 20 %. */
describe("demo discount approval", () => {
  let server: Server;
  beforeAll(async () => {
    server = await testServer();
  });
  afterAll(() => server.close());

  it("seeds waiting requests: two for the East manager, one (already past the manager) for finance", async () => {
    const inbox = async (who: string) =>
      ((await (await server.login(who)).request("GET", "/api/apps/starter/inbox")).json() as Inbox).approvals;
    const waiting = await inbox("manager.east");
    expect(waiting).toHaveLength(2);
    expect(waiting[0]?.title).toMatch(/^Deal \d+$/);
    expect(waiting[0]?.submitterName).toBe("Li Lei (rep, East)");
    expect(await inbox("finance")).toHaveLength(1);
    expect(await inbox("rep.north")).toHaveLength(0);
    const manager = await server.login("manager.east");
    const notes = ((await manager.request("GET", "/api/apps/starter/inbox")).json() as Inbox).notifications;
    // Names and labels, not ids, in both languages.
    expect(notes[0]?.message).toEqual({
      en: "Li Lei (rep, East) asks for your approval on 'Discount approval' (step 'Regional manager').",
      "zh-CN": "Li Lei (rep, East) 请您审批“折扣审批”（步骤“区域经理”）。",
    });
  });

  it("runs from rep to manager to finance and tells the rep; inboxes show each step", async () => {
    const rep = await server.login("rep.east");
    const manager = await server.login("manager.east");
    const finance = await server.login("finance");
    const mine = (
      await rep.request("GET", `${OPPS}?filter=${encodeURIComponent("stage = 'prospecting' AND discount = 0")}&limit=1`)
    ).json() as { records: Array<{ id: string; discount_status: string }> };
    const id = mine.records[0]?.id as string;
    expect(mine.records[0]?.discount_status).toBe("none");

    const offered = async (who: typeof rep) =>
      (await who.request("GET", `${OPPS}/${id}/actions`)).json() as {
        submit: Array<{ workflow: string }>;
        approval: { canRecall: boolean; pendingForMe: boolean } | null;
      };
    expect((await offered(rep)).submit.map((s) => s.workflow)).toEqual(["discount_approval"]);
    expect((await offered(manager)).submit).toHaveLength(1); // managers inherit the rep role

    const early = await rep.request("POST", `${OPPS}/${id}/actions/submit`, { body: {} });
    expect(early.statusCode).toBe(422);
    expect(JSON.stringify(early.json())).toContain("Set a discount");

    const current = await rep.request("GET", `${OPPS}/${id}`);
    const patched = await rep.request("PATCH", `${OPPS}/${id}`, {
      body: { discount: 25 },
      headers: { "if-match": String(current.headers.etag) },
    });
    expect(patched.statusCode).toBe(200);
    expect((await rep.request("POST", `${OPPS}/${id}/actions/submit`, { body: {} })).statusCode).toBe(200);
    expect((await offered(rep)).submit).toEqual([]);
    expect((await offered(rep)).approval).toMatchObject({ canRecall: true, pendingForMe: false });
    expect((await offered(manager)).approval).toMatchObject({ canRecall: false, pendingForMe: true });

    const managerInbox = (await manager.request("GET", "/api/apps/starter/inbox")).json() as Inbox;
    expect(managerInbox.approvals.map((a) => a.recordId)).toContain(id);
    const seededForFinance = ((await finance.request("GET", "/api/apps/starter/inbox")).json() as Inbox).approvals;
    expect(seededForFinance.map((a) => a.recordId)).not.toContain(id);

    expect((await manager.request("POST", `${OPPS}/${id}/actions/approve`, { body: {} })).statusCode).toBe(200);
    expect((await offered(rep)).approval?.canRecall).toBe(false); // someone decided
    const financeInbox = (await finance.request("GET", "/api/apps/starter/inbox")).json() as Inbox;
    expect(financeInbox.approvals.map((a) => a.recordId)).toEqual([...seededForFinance.map((a) => a.recordId), id]);
    const approved = await finance.request("POST", `${OPPS}/${id}/actions/approve`, { body: { comment: "ok" } });
    expect(approved.statusCode).toBe(200);

    const after = (await rep.request("GET", `${OPPS}/${id}`)).json() as { discount_status: string };
    expect(after.discount_status).toBe("approved");
    expect((await offered(rep)).submit).toEqual([]); // approved once is approved
    const repInbox = (await rep.request("GET", "/api/apps/starter/inbox")).json() as Inbox;
    // Told once, by the core, with the workflow's label.
    const approvedNotes = repInbox.notifications.filter((n) =>
      JSON.stringify(n.message).includes("Your request 'Discount approval' was approved."),
    );
    expect(approvedNotes).toHaveLength(1);
  });
});
