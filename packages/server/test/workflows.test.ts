import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promotionApp } from "../../runtime/test/fixtures/promotionApp.js";
import { type Client, type Server, testServer } from "./support/server.js";

/** The promotion approval app of the workflow core's tests, with permissions added. */
function app() {
  return {
    ...promotionApp(),
    permissions: [
      { role: "*", entity: "region", actions: ["read"] },
      { role: "rep", entity: "promotion", actions: ["read", "create", "update"], rowScope: "createdBy = $user.id" },
      { role: "region_finance", entity: "promotion", actions: ["read"] },
      { role: "hq_finance", entity: "promotion", actions: ["read"] },
      { role: "hq_marketing", entity: "promotion", actions: ["read"] },
    ],
  };
}

const people = [
  { username: "rep_e", roles: ["rep"], attributes: { region: "R01" } },
  { username: "rsm_e", roles: ["regional_manager"], attributes: { region: "R01" } },
  { username: "rsm_n", roles: ["regional_manager"], attributes: { region: "R03" } },
  { username: "fin_e", roles: ["region_finance"], attributes: { region: "R01" } },
  { username: "hqm1", roles: ["hq_marketing"], attributes: {} },
  { username: "hqf1", roles: ["hq_finance"], attributes: {} },
  { username: "hqf2", roles: ["hq_finance"], attributes: {} },
];
const PASSWORD = "workflow-password-1";

describe("approvals over HTTP", () => {
  let server: Server;
  let admin: Client;
  const as = new Map<string, Client>();
  let east: string;

  beforeAll(async () => {
    server = await testServer({ demo: false });
    admin = await server.login("admin");
    expect((await admin.request("POST", "/api/apps", { body: { app: app() } })).statusCode).toBe(201);
    expect((await admin.request("POST", "/api/apps/tpm/publish")).statusCode).toBe(200);
    for (const p of people) {
      const created = await admin.request("POST", "/api/users", {
        body: { username: p.username, displayName: p.username, password: PASSWORD, attributes: p.attributes },
      });
      expect(created.statusCode).toBe(201);
      const userId = (created.json() as { id: string }).id;
      expect(
        (await admin.request("PUT", `/api/users/${userId}/roles/tpm`, { body: { roles: p.roles } })).statusCode,
      ).toBe(200);
      as.set(p.username, await server.login(p.username, PASSWORD));
    }
    const region = await admin.request("POST", "/api/apps/tpm/data/region", {
      body: { code: "R01", name: "East", single_request_limit: 100000 },
    });
    east = (region.json() as { id: string }).id;
  });
  afterAll(() => server.close());

  const user = (name: string) => as.get(name) as Client;
  /** Sessions last 12 hours: after moving the clock, everyone signs in again. */
  const signInAgain = async () => {
    admin = await server.login("admin");
    for (const p of people) as.set(p.username, await server.login(p.username, PASSWORD));
  };
  const create = async (spend: number) => {
    const res = await user("rep_e").request("POST", "/api/apps/tpm/data/promotion", {
      body: { title: `Promo ${spend}`, region: east, planned_spend: spend, status: "draft" },
    });
    expect(res.statusCode).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const act = (who: string, id: string, action: string, body: Record<string, unknown> = {}) =>
    user(who).request("POST", `/api/apps/tpm/data/promotion/${id}/actions/${action}`, { body });
  const inbox = async (who: string) =>
    (await user(who).request("GET", "/api/apps/tpm/inbox")).json() as {
      approvals: Array<{ recordId: string }>;
      notifications: Array<{ recordId: string; kind: string }>;
    };

  it("routes a request above the regional limit to HQ, and one below it does not", async () => {
    const big = await create(150_000);
    const small = await create(50_000);
    for (const id of [big, small]) expect((await act("rep_e", id, "submit")).statusCode).toBe(200);
    // The regional manager of the same region sees both; the other region's does not.
    expect((await inbox("rsm_e")).approvals.map((a) => a.recordId).sort()).toEqual([big, small].sort());
    expect((await inbox("rsm_n")).approvals).toEqual([]);
    expect((await inbox("rsm_e")).notifications.some((n) => n.recordId === big && n.kind === "approval")).toBe(true);
    for (const id of [big, small]) {
      expect((await act("rsm_e", id, "approve")).statusCode).toBe(200);
      expect((await act("fin_e", id, "approve")).statusCode).toBe(200);
    }
    const smallRecord = await user("rep_e").request("GET", `/api/apps/tpm/data/promotion/${small}`);
    expect((smallRecord.json() as { status: string; approved_at: string | null }).status).toBe("approved");
    expect((await inbox("hqf1")).approvals.map((a) => a.recordId)).toEqual([big]);
    expect((await act("hqm1", big, "approve")).statusCode).toBe(200);
    expect((await act("hqf1", big, "approve")).statusCode).toBe(200);
    const bigRecord = (await user("rep_e").request("GET", `/api/apps/tpm/data/promotion/${big}`)).json() as {
      status: string;
      approved_at: string | null;
      submitted_at: string | null;
    };
    expect(bigRecord.status).toBe("approved");
    expect(bigRecord.submitted_at).not.toBeNull();
    expect(bigRecord.approved_at).not.toBeNull();
  });

  it("locks the record while pending, refuses non-approvers, and rejects back to the submitter with a comment", async () => {
    const id = await create(60_000);
    expect((await act("rep_e", id, "submit")).statusCode).toBe(200);
    const pending = (await user("rep_e").request("GET", `/api/apps/tpm/data/promotion/${id}`)).json() as {
      version: number;
      status: string;
    };
    expect(pending.status).toBe("pending");
    const edit = await user("rep_e").request("PATCH", `/api/apps/tpm/data/promotion/${id}`, {
      body: { planned_spend: 1 },
      headers: { "if-match": `"${pending.version}"` },
    });
    expect(edit.statusCode).toBe(409);
    expect((edit.json() as { error: { code: string } }).error.code).toBe("workflow.locked");
    const stranger = await act("fin_e", id, "approve");
    expect(stranger.statusCode).toBe(422);
    expect((stranger.json() as { error: { code: string } }).error.code).toBe("approval.notApprover");
    const noComment = await act("rsm_e", id, "reject");
    expect(noComment.statusCode).toBe(422);
    expect((await act("rsm_e", id, "reject", { comment: "Too early in the month" })).statusCode).toBe(200);
    const record = (await user("rep_e").request("GET", `/api/apps/tpm/data/promotion/${id}`)).json() as {
      status: string;
      version: number;
    };
    expect(record.status).toBe("rejected");
    const unlocked = await user("rep_e").request("PATCH", `/api/apps/tpm/data/promotion/${id}`, {
      body: { planned_spend: 70_000 },
      headers: { "if-match": `"${record.version}"` },
    });
    expect(unlocked.statusCode).toBe(200);
    const approvals = (await user("rep_e").request("GET", `/api/apps/tpm/data/promotion/${id}/approvals`)).json() as {
      approvals: Array<{ status: string; state: { timeline: Array<{ type: string; comment?: string }> } }>;
    };
    expect(approvals.approvals[0]?.state.timeline.find((t) => t.type === "rejected")?.comment).toBe(
      "Too early in the month",
    );
  });

  it("lets the submitter recall before the first decision, not after", async () => {
    const id = await create(30_000);
    expect((await act("rep_e", id, "submit")).statusCode).toBe(200);
    expect((await act("rep_e", id, "recall")).statusCode).toBe(200);
    expect((await act("rep_e", id, "submit")).statusCode).toBe(200);
    expect((await act("rsm_e", id, "approve")).statusCode).toBe(200);
    expect((await act("rep_e", id, "recall")).statusCode).toBe(422);
  });

  it("never lets submitters approve their own step: the step passes to the next level and the timeline says so", async () => {
    const res = await user("rsm_e").request("POST", "/api/apps/tpm/data/promotion", {
      body: { title: "Manager's own", region: east, planned_spend: 20_000, status: "draft" },
    });
    expect(res.statusCode).toBe(201);
    const id = (res.json() as { id: string }).id;
    expect((await act("rsm_e", id, "submit")).statusCode).toBe(200);
    expect((await act("rsm_e", id, "approve")).statusCode).toBe(422);
    const approvals = (await user("rsm_e").request("GET", `/api/apps/tpm/data/promotion/${id}/approvals`)).json() as {
      approvals: Array<{
        state: { steps: Array<{ id: string; status: string }>; timeline: Array<{ type: string; step?: string }> };
      }>;
    };
    const state = approvals.approvals[0]?.state;
    expect(state?.steps.map((s) => [s.id, s.status])).toEqual([
      ["regional_manager", "skipped"],
      ["region_finance", "active"],
    ]);
    expect(state?.timeline.some((t) => t.type === "skipped" && t.step === "regional_manager")).toBe(true);
    expect((await inbox("fin_e")).approvals.map((a) => a.recordId)).toContain(id);
  });

  it("lets a delegate decide for an approver who is out of office, and records on whose behalf", async () => {
    const id = await create(25_000);
    expect((await act("rep_e", id, "submit")).statusCode).toBe(200);
    // rsm_e is away for the whole test day; rsm_n stands in.
    const away = {
      region: "R01",
      delegate: user("rsm_n").userId,
      awayFrom: "2026-01-01T00:00:00.000Z",
      awayUntil: "2027-01-01T00:00:00.000Z",
    };
    expect(
      (await admin.request("PATCH", `/api/users/${user("rsm_e").userId}`, { body: { attributes: away } })).statusCode,
    ).toBe(200);
    const seen = await inbox("rsm_n");
    expect(seen.approvals.map((a) => a.recordId)).toContain(id);
    const buttons = (await user("rsm_n").request("GET", `/api/apps/tpm/data/promotion/${id}/actions`)).json() as {
      approval: { pendingForMe: boolean } | null;
    };
    expect(buttons.approval?.pendingForMe).toBe(true);
    expect((await act("rsm_n", id, "approve", { comment: "for rsm_e" })).statusCode).toBe(200);
    const approvals = (await user("rep_e").request("GET", `/api/apps/tpm/data/promotion/${id}/approvals`)).json() as {
      approvals: Array<{
        state: { steps: Array<{ id: string; decisions: Array<{ user: string; onBehalfOf?: string }> }> };
      }>;
    };
    const decision = approvals.approvals[0]?.state.steps[0]?.decisions[0];
    expect(decision).toMatchObject({ user: user("rsm_n").userId, onBehalfOf: user("rsm_e").userId });
    expect(
      (await admin.request("PATCH", `/api/users/${user("rsm_e").userId}`, { body: { attributes: { region: "R01" } } }))
        .statusCode,
    ).toBe(200);
  });

  it("reminds after the SLA's reminder time and escalates to the approver's manager when the SLA ends", async () => {
    const boss = await admin.request("POST", "/api/users", {
      body: { username: "dir_e", displayName: "dir_e", password: PASSWORD },
    });
    const bossId = (boss.json() as { id: string }).id;
    expect(
      (
        await admin.request("PATCH", `/api/users/${user("rsm_e").userId}`, {
          body: { attributes: { region: "R01", manager: bossId } },
        })
      ).statusCode,
    ).toBe(200);
    const id = await create(15_000);
    expect((await act("rep_e", id, "submit")).statusCode).toBe(200);
    const scheduler = server.app.automation.scheduler;
    server.clock.advance(25 * 3600_000);
    await scheduler.runDue(server.clock.now());
    await signInAgain();
    const reminded = (await inbox("rsm_e")).notifications.filter((n) => n.recordId === id);
    expect(reminded.length).toBeGreaterThanOrEqual(2);
    server.clock.advance(24 * 3600_000);
    await scheduler.runDue(server.clock.now());
    await scheduler.runDue(server.clock.now());
    await signInAgain();
    const director = await server.login("dir_e", PASSWORD);
    const approvals = (await user("rep_e").request("GET", `/api/apps/tpm/data/promotion/${id}/approvals`)).json() as {
      approvals: Array<{
        state: { steps: Array<{ approvers: string[]; escalatedAt: string | null }>; timeline: Array<{ type: string }> };
      }>;
    };
    const step = approvals.approvals[0]?.state.steps[0];
    expect(step?.approvers).toContain(bossId);
    expect(step?.escalatedAt).not.toBeNull();
    expect(approvals.approvals[0]?.state.timeline.filter((t) => t.type === "escalated")).toHaveLength(1);
    const decided = await director.request("POST", `/api/apps/tpm/data/promotion/${id}/actions/approve`, { body: {} });
    expect(decided.statusCode).toBe(200);
  });

  it("keeps the definition a request started with after the app is republished", async () => {
    const id = await create(40_000);
    expect((await act("rep_e", id, "submit")).statusCode).toBe(200);
    // Version 2 drops the regional manager's step.
    const next = app();
    const workflow = next.workflows[0] as { steps: Array<{ id: string }> };
    workflow.steps = workflow.steps.filter((step) => step.id !== "regional_manager");
    const draft = await admin.request("GET", "/api/apps/tpm?draft=1");
    const revision = (draft.json() as { draftRevision: number }).draftRevision;
    expect(
      (
        await admin.request("PUT", "/api/apps/tpm/draft", {
          body: { app: { ...next, version: "1.1.0" } },
          headers: { "if-match": `"${revision}"` },
        })
      ).statusCode,
    ).toBe(200);
    expect((await admin.request("POST", "/api/apps/tpm/publish")).statusCode).toBe(200);
    // The running request still waits for the regional manager.
    expect((await act("fin_e", id, "approve")).statusCode).toBe(422);
    expect((await act("rsm_e", id, "approve")).statusCode).toBe(200);
    expect((await act("fin_e", id, "approve")).statusCode).toBe(200);
    // A new request follows version 2: region finance first.
    const fresh = await create(40_000);
    expect((await act("rep_e", fresh, "submit")).statusCode).toBe(200);
    expect((await act("fin_e", fresh, "approve")).statusCode).toBe(200);
  });

  it("answers an unknown action with the list of valid ones", async () => {
    const id = await create(10_000);
    const res = await act("rep_e", id, "fly");
    expect(res.statusCode).toBe(404);
    expect((res.json() as { error: { code: string } }).error.code).toBe("workflow.unknownAction");
  });
});

describe("stage machines over HTTP", () => {
  let server: Server;
  beforeAll(async () => {
    server = await testServer();
  });
  afterAll(() => server.close());

  it("takes a transition, runs entry effects and keeps history; a failing guard lists every reason", async () => {
    const rep = await server.login("rep.east");
    const list = (
      await rep.request(
        "GET",
        `/api/apps/starter/data/opportunity?filter=${encodeURIComponent("stage = 'prospecting'")}&limit=1`,
      )
    ).json() as { records: Array<{ id: string }> };
    const id = list.records[0]?.id as string;
    const actions = (await rep.request("GET", `/api/apps/starter/data/opportunity/${id}/actions`)).json() as {
      transitions: Array<{ id: string }>;
    };
    expect(actions.transitions.map((t) => t.id).sort()).toEqual(["lose", "qualify"]);
    const qualify = await rep.request("POST", `/api/apps/starter/data/opportunity/${id}/actions/qualify`);
    expect(qualify.statusCode).toBe(200);
    expect((qualify.json() as { record: { stage: string; probability: number } }).record).toMatchObject({
      stage: "qualification",
      probability: 20,
    });
    const wrong = await rep.request("POST", `/api/apps/starter/data/opportunity/${id}/actions/win`);
    expect(wrong.statusCode).toBe(422);
    expect((wrong.json() as { error: { code: string } }).error.code).toBe("workflow.notFromHere");
    const lose = await rep.request("POST", `/api/apps/starter/data/opportunity/${id}/actions/lose`);
    expect(lose.statusCode).toBe(422);
    expect(JSON.stringify(lose.json())).toContain("lost_reason");
    const unknown = await rep.request("POST", `/api/apps/starter/data/opportunity/${id}/actions/fly`);
    expect(unknown.statusCode).toBe(404);
    expect((unknown.json() as { error: { message: string } }).error.message).toContain("qualify");
    const history = (await rep.request("GET", `/api/apps/starter/data/opportunity/${id}/history`)).json() as {
      history: Array<{ from: string; to: string; transition: string }>;
    };
    expect(history.history.map((h) => [h.from, h.to, h.transition])).toEqual([
      ["prospecting", "qualification", "qualify"],
    ]);
  });
});
