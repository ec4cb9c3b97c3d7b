import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backoffMs, MAX_ATTEMPTS } from "../src/webhooks/dispatcher.js";
import { enqueueWebhook } from "../src/webhooks/outbox.js";
import { signWebhook } from "../src/webhooks/sign.js";
import { addUser, crmApp, type Harness, publish, startHarness } from "./automationHarness.js";
import { expectError } from "./support/http.js";

const SECRET = "a-test-secret-of-32-characters!!";

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A local receiver answering with `status` (changeable), recording every call. */
async function receiver() {
  const calls: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      calls.push({ headers: req.headers, body });
      res.statusCode = status;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    calls,
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/hook`,
    answer: (next: number) => {
      status = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let h: Harness;
let rx: Awaited<ReturnType<typeof receiver>>;

beforeEach(async () => {
  h = await startHarness();
  rx = await receiver();
  const put = await h.admin.request("PUT", "/api/admin/webhooks", {
    body: { allowedHosts: [rx.host, "hooks.example.com"], secret: SECRET },
  });
  expect(put.statusCode, put.body).toBe(200);
});
afterEach(async () => {
  await h.close();
  await rx.close();
});

async function enqueue(url = rx.url) {
  return h.ctx.storage.write((tx) =>
    enqueueWebhook(h.ctx, tx, url, {
      event: "automation",
      app: "crm",
      source: "test",
      entity: "deal",
      record: "r1",
      at: h.clock.now().toISOString(),
      data: { amount: 5 },
    }),
  );
}

const outbox = (status: "pending" | "delivered" | "dead") =>
  h.ctx.storage.read((tx) => tx.platform.outbox(status, 100));

describe("webhook delivery", () => {
  it("POSTs the JSON body after commit, signed with HMAC-SHA256 over '<timestamp>.<body>'", async () => {
    const row = await enqueue();
    expect(await h.automation.webhooks.deliverDue(h.clock.now())).toBe(1);
    expect(rx.calls).toHaveLength(1);
    const call = rx.calls[0] as Received;
    expect(JSON.parse(call.body)).toMatchObject({ event: "automation", app: "crm", record: "r1", data: { amount: 5 } });
    const timestamp = String(call.headers["x-plinth-timestamp"]);
    expect(Number(timestamp)).toBe(Math.floor(h.clock.now().getTime() / 1000));
    expect(call.headers["x-plinth-delivery"]).toBe(row.id);
    expect(call.headers["x-plinth-signature"]).toBe(signWebhook(SECRET, timestamp, call.body));
    expect(call.headers["x-plinth-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect((await outbox("delivered")).map((r) => r.id)).toEqual([row.id]);
    expect(await h.automation.webhooks.deliverDue(h.clock.now())).toBe(0);
  });

  it("retries with backoff by the injected clock and dead-letters after six failures", async () => {
    rx.answer(500);
    const row = await enqueue();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await h.automation.webhooks.deliverDue(h.clock.now())).toBe(1);
      expect(rx.calls).toHaveLength(attempt);
      if (attempt === MAX_ATTEMPTS) break;
      const [pending] = await outbox("pending");
      expect(pending).toMatchObject({ id: row.id, attempts: attempt, lastError: expect.stringContaining("500") });
      expect(Date.parse(pending?.nextAt ?? "") - h.clock.now().getTime()).toBe(backoffMs(attempt));
      h.clock.advance(backoffMs(attempt) - 1000);
      expect(await h.automation.webhooks.deliverDue(h.clock.now())).toBe(0);
      h.clock.advance(1000);
    }
    expect(await outbox("pending")).toEqual([]);
    const [dead] = await outbox("dead");
    expect(dead).toMatchObject({ id: row.id, attempts: MAX_ATTEMPTS, status: "dead" });
    expect(dead?.lastError).toContain("500");
    expect(await h.audit("webhook.dead")).toHaveLength(1);
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([
      30_000, 120_000, 480_000, 1_920_000, 7_680_000, 21_600_000, 21_600_000,
    ]);
  });

  it("lets an administrator retry a dead letter, which then delivers", async () => {
    rx.answer(503);
    const row = await enqueue();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await h.automation.webhooks.deliverDue(h.clock.now());
      h.clock.advance(backoffMs(attempt));
    }
    const listed = await h.admin.request("GET", "/api/admin/webhooks/dead");
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toEqual([row.id]);
    rx.answer(204);
    const retried = await h.admin.request("POST", `/api/admin/webhooks/dead/${row.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: row.id, status: "pending", attempts: 0, lastError: null });
    expect(await h.automation.webhooks.deliverDue(h.clock.now())).toBe(1);
    expect((await outbox("delivered")).map((r) => r.id)).toEqual([row.id]);
    expect(await h.audit("webhook.retry")).toHaveLength(1);
    expectError(await h.admin.request("POST", `/api/admin/webhooks/dead/${row.id}/retry`), 404, "webhooks.notDead");
  });

  it("refuses a host outside the allow-list: a dead letter with the reason, never a call", async () => {
    const row = await enqueue("https://evil.example.net/steal");
    expect(row).toMatchObject({ status: "dead", lastError: expect.stringContaining("webhook.hostNotAllowed") });
    // A listed host that is later removed is refused at delivery too.
    const later = await enqueue();
    await h.admin.request("PUT", "/api/admin/webhooks", { body: { allowedHosts: ["hooks.example.com"] } });
    await h.automation.webhooks.deliverDue(h.clock.now());
    expect(rx.calls).toHaveLength(0);
    expect((await outbox("dead")).map((r) => r.id).sort()).toEqual([row.id, later.id].sort());
  });

  it("queues an automation's webhook action in the write's transaction", async () => {
    await publish(
      h,
      crmApp([
        {
          id: "hook",
          entity: "deal",
          trigger: { kind: "create" },
          actions: [
            { kind: "webhook", url: "https://hooks.example.com/deals", body: { name: "name", twice: "amount * 2" } },
            { kind: "webhook", url: "https://other.example.org/deals" },
          ],
        },
      ]),
    );
    const created = await h.admin.request("POST", "/api/apps/crm/data/deal", { body: { name: "D", amount: 4 } });
    expect(created.statusCode, created.body).toBe(201);
    const [pending] = await outbox("pending");
    expect(pending?.url).toBe("https://hooks.example.com/deals");
    expect(JSON.parse(pending?.body ?? "{}")).toMatchObject({
      event: "automation",
      source: "hook",
      entity: "deal",
      record: created.json<{ id: string }>().id,
      data: { name: "D", twice: 8 },
    });
    const [dead] = await outbox("dead");
    expect(dead?.lastError).toContain("other.example.org");
  });
});

describe("webhook administration", () => {
  it("is for platform admins only and never returns the secret", async () => {
    const anonymous = await h.app.inject({ method: "GET", url: "/api/admin/webhooks" });
    expectError(anonymous, 401, "http.unauthenticated");
    await publish(h, crmApp([]));
    await addUser(h, "plain", ["rep"]);
    const plain = await h.login("plain", "user-password-1");
    expectError(await plain.request("GET", "/api/admin/webhooks"), 403, "http.forbidden");
    expectError(await plain.request("GET", "/api/admin/webhooks/dead"), 403, "http.forbidden");
    const got = await h.admin.request("GET", "/api/admin/webhooks");
    expect(got.json()).toEqual({ allowedHosts: [rx.host, "hooks.example.com"], secretSet: true });
    expect(got.body).not.toContain(SECRET);
  });

  it("validates hosts and the secret, and audits changes without the secret", async () => {
    const bad = await h.admin.request("PUT", "/api/admin/webhooks", {
      body: { allowedHosts: ["https://hooks.example.com/x"] },
    });
    expect(expectError(bad, 400, "webhooks.invalidHost").path).toBe("/allowedHosts/0");
    const short = await h.admin.request("PUT", "/api/admin/webhooks", {
      body: { allowedHosts: [], secret: "short" },
      headers: { "accept-language": "zh-CN" },
    });
    expect(expectError(short, 400, "webhooks.secretTooShort").message).toContain("16");
    const ok = await h.admin.request("PUT", "/api/admin/webhooks", {
      body: { allowedHosts: ["API.Example.com:8443"] },
    });
    expect(ok.json()).toEqual({ allowedHosts: ["api.example.com:8443"], secretSet: true });
    const audits = await h.audit("webhooks.settings");
    expect(audits.at(-1)?.diff).toMatchObject({
      after: { allowedHosts: ["api.example.com:8443"] },
      secretChanged: false,
    });
    expect(JSON.stringify(audits)).not.toContain(SECRET);
  });
});
