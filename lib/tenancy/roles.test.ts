import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  alertContacts,
  alertEvents,
  alerts,
  connections,
  deliveries,
  orders,
  shipMethodMappings,
  type AlertContact,
  type Role,
} from "@/db/schema";
import { resendAlertOrders, retryAlerts } from "../alerts/bulk-alerts";
import { dismissAlerts, snoozeAlerts } from "../alerts/dismiss-alerts";
import type { CoreContext } from "../core/context";
import { ForbiddenError, NotFoundError } from "../errors";
import { editOrder } from "../orders/edit-order";
import { processConnection } from "../retry/process-connection";
import { resendOrder, resendOrders } from "../retry/resend-order";
import { retryDeliveryNow } from "../retry/retry-now";
import { createAlertContact } from "../settings/create-alert-contact";
import { deleteAlertContact } from "../settings/delete-alert-contact";
import { listAlertContacts, listConnections, listShipMethodMappings } from "../settings/list-settings";
import { saveShipMethodMapping } from "../settings/save-ship-method-mapping";
import { updateAlertContact } from "../settings/update-alert-contact";
import { addContact } from "../testing/contacts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { addUser } from "../testing/users";
import { alertsOf, DOWN, makeWorld, OK, scriptedSender } from "../testing/world";
import { revealWebhookSecret, rotateWebhookSecret } from "../webhooks/webhook-secret";
import { canManage, ROLE_TABLE } from "./roles";
import { pauseConnection, updateConnectionSettings } from "../settings/connections";
import { resolveAccountScope, type Scope } from "./scope";

// The role table of docs/roles.md, one test per cell: each kind of user tries each action on a world where the
// action can succeed; a refused action is a ForbiddenError and changes no row.
const NOW = new Date("2026-11-26T12:00:00Z");
const LATER = new Date("2026-11-26T13:05:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

type Actor = { kind: "warehouse" | "merchant"; role: Role };
const ACTORS: Actor[] = [
  { kind: "warehouse", role: "admin" },
  { kind: "warehouse", role: "member" },
  { kind: "merchant", role: "admin" },
  { kind: "merchant", role: "member" },
];

/** A merchant served by a warehouse, a failing order with an open alert, a contact on each account. */
async function setUp(actor: Actor) {
  const db = database.db;
  const world = await makeWorld(db, NOW);
  const failing = await world.addOrder();
  await processConnection(
    { db, now: NOW, send: scriptedSender(() => DOWN).send, owner: "test" },
    { connectionId: world.wms.id, mode: "retry" },
  );
  const [alert] = await alertsOf(db, failing.delivery.id);
  if (!alert) throw new Error("the failing order raised no alert");
  const contacts = {
    warehouse: await addContact(db, world.warehouse.id, "ops@warehouse.example", "daily", NOW),
    merchant: await addContact(db, world.merchant.id, "team@merchant.example", "daily", NOW),
  };
  const account = actor.kind === "warehouse" ? world.warehouse : world.merchant;
  const { user, scope } = await addUser(db, account.id, `${actor.kind} ${actor.role}`, actor.role);
  const deps: Omit<CoreContext, "db" | "scope"> = {
    now: LATER,
    send: scriptedSender(() => OK).send,
    actor: { type: "user", userId: user.id },
    owner: `web:${user.id}`,
  };
  return { db, world, failing, alert, contacts, own: { account, contact: contacts[actor.kind] }, scope, deps };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

const shipTo = { name: "Ada Lovelace", line1: "2 Main St", city: "Austin", region: "TX", postalCode: "78701", country: "US" };
const contactInput = (contact: AlertContact) => ({ id: contact.id, email: contact.email, name: "Renamed", frequency: "weekly" as const });

/** Each action of the table, as the app's actions call the core. */
const ACTIONS: Record<keyof typeof ROLE_TABLE, Record<string, (s: Setup) => Promise<unknown>>> = {
  view: {
    "list connections, contacts and mappings": async ({ db, scope }) => {
      for (const list of [listConnections, listAlertContacts, listShipMethodMappings]) expect(await list(db, scope)).not.toEqual([]);
    },
  },
  fix_orders_and_alerts: {
    "edit an order": ({ db, scope, failing, deps }) =>
      editOrder({ ...deps, db, scope }, { orderId: failing.order.id, changes: { shipTo, shipMethodLabel: "Standard" } }),
    "resend an order": ({ db, scope, failing, deps }) => resendOrder({ ...deps, db, scope }, { orderId: failing.order.id }),
    "bulk resend orders": ({ db, scope, failing, deps }) => resendOrders({ ...deps, db, scope }, { orders: [failing.order.id] }),
    "retry a record now": ({ db, scope, failing, deps }) => retryDeliveryNow({ ...deps, db, scope }, { deliveryId: failing.delivery.id }),
    "bulk retry alerts": ({ db, scope, alert, deps }) => retryAlerts({ ...deps, db, scope }, { ids: [alert.id] }),
    "bulk resend alerts' orders": ({ db, scope, alert, deps }) => resendAlertOrders({ ...deps, db, scope }, { ids: [alert.id] }),
    "dismiss an alert": ({ db, scope, alert, deps }) =>
      dismissAlerts({ db, scope, actor: deps.actor, now: LATER }, { ids: [alert.id], reason: "handled" }),
    "snooze an alert": ({ db, scope, alert, deps }) =>
      snoozeAlerts({ db, scope, actor: deps.actor, now: LATER }, { ids: [alert.id], until: new Date(LATER.getTime() + 86_400_000) }),
  },
  manage_ship_methods: {
    "save a ship-method mapping": ({ db, scope, deps }) =>
      saveShipMethodMapping({ ...deps, db, scope }, { cartLabel: "Express", carrier: "UPS", serviceCode: "ups_next_day" }),
  },
  manage_alert_contacts: {
    "add a contact": ({ db, scope, own }) =>
      createAlertContact(db, scope, { accountId: own.account.id, email: "new@example.test", name: null, frequency: "daily" }, LATER),
    "change a contact": ({ db, scope, own }) => updateAlertContact(db, scope, contactInput(own.contact), LATER),
    "remove a contact": ({ db, scope, own }) => deleteAlertContact(db, scope, own.contact.id),
  },
  manage_connections_and_secrets: {
    "reveal a webhook secret": ({ db, scope, world }) => revealWebhookSecret({ db, scope }, { connectionId: world.cart.id }),
    "rotate a webhook secret": ({ db, scope, world }) => rotateWebhookSecret({ db, scope, now: LATER }, { connectionId: world.cart.id }),
    "change a connection's settings": ({ db, scope, world, deps }) =>
      updateConnectionSettings(
        { db, scope, actor: deps.actor, now: LATER },
        { connectionId: world.wms.id, settings: { syncIntervalMinutes: 30, endpointUrl: "https://wms.example.test/api", credential: "" } },
      ),
    "pause a connection": ({ db, scope, world, deps }) =>
      pauseConnection({ db, scope, actor: deps.actor, now: LATER }, { connectionId: world.wms.id }),
  },
  // No screen or core verb manages users yet: canManage is what one must check (asserted below).
  manage_users: {},
};

/** A merchant's admin manages its own merchant, never its warehouse: mappings are the warehouse's. */
const expected = (area: keyof typeof ROLE_TABLE, actor: Actor) =>
  area === "manage_ship_methods" && actor.kind === "merchant" ? false : ROLE_TABLE[area][actor.role];

/** Every row an action could change. */
async function footprint(db: Db) {
  const tables = [orders, deliveries, alerts, alertEvents, alertContacts, shipMethodMappings, connections];
  return Promise.all(tables.map((t) => db.select().from(t)));
}

describe("the role table (docs/roles.md)", () => {
  const cells = ACTORS.flatMap((actor) =>
    Object.entries(ACTIONS).flatMap(([area, actions]) =>
      Object.entries(actions).map(([name, run]) => ({ actor, area: area as keyof typeof ROLE_TABLE, name, run })),
    ),
  );
  it.each(cells.map((c) => [`${c.actor.kind} ${c.actor.role}`, expected(c.area, c.actor) ? "may" : "may not", c.name, c] as const))(
    "a %s %s %s",
    async (_who, _may, _name, { actor, area, run }) => {
      const setup = await setUp(actor);
      if (expected(area, actor)) {
        await run(setup);
        return;
      }
      const before = await footprint(setup.db);
      await expect(run(setup)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await footprint(setup.db)).toEqual(before);
    },
  );

  it("says who may change it, and refuses before anything is written", async () => {
    const { db, scope, own } = await setUp({ kind: "warehouse", role: "member" });
    await expect(deleteAlertContact(db, scope, own.contact.id)).rejects.toThrow("Only an admin of Test Warehouse can change this.");
  });
});

describe("who manages which account", () => {
  it("a warehouse admin manages its warehouse and the merchants it serves; a merchant admin its merchant only", async () => {
    const warehouse = await setUp({ kind: "warehouse", role: "admin" });
    const { world } = warehouse;
    const merchantAdmin = await addUser(database.db, world.merchant.id, "Merchant Admin", "admin");
    expect([canManage(warehouse.scope, world.warehouse.id), canManage(warehouse.scope, world.merchant.id)]).toEqual([true, true]);
    expect([canManage(merchantAdmin.scope, world.warehouse.id), canManage(merchantAdmin.scope, world.merchant.id)]).toEqual([false, true]);
    // The warehouse admin changes the served merchant's contact and reveals its secret.
    await expect(updateAlertContact(database.db, warehouse.scope, contactInput(warehouse.contacts.merchant), LATER)).resolves.toMatchObject(
      { name: "Renamed" },
    );
    await expect(revealWebhookSecret({ db: database.db, scope: warehouse.scope }, { connectionId: world.cart.id })).resolves.toEqual({
      secret: "whsec_dGVzdA==",
    });
  });

  it("a job or a webhook, acting for a merchant, manages nothing", async () => {
    const { world } = await setUp({ kind: "merchant", role: "member" });
    const system: Scope = await resolveAccountScope(database.db, world.merchant.id);
    expect(system.managedAccountIds).toEqual([]);
  });

  it("a record outside the scope stays not found, for an admin too", async () => {
    const { db, scope, contacts, deps } = await setUp({ kind: "merchant", role: "admin" });
    const other = await makeWorld(db, NOW);
    const before = await footprint(db);
    // The warehouse's contact is not the merchant's to see; another merchant's connection neither.
    await expect(deleteAlertContact(db, scope, contacts.warehouse.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      createAlertContact(db, scope, { accountId: other.merchant.id, email: "x@example.test", name: null, frequency: "daily" }, LATER),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(rotateWebhookSecret({ db, scope, now: LATER }, { connectionId: other.cart.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revealWebhookSecret({ db, scope }, { connectionId: other.cart.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      saveShipMethodMapping(
        { ...deps, db, scope },
        { warehouseId: other.warehouse.id, cartLabel: "X", carrier: "UPS", serviceCode: "ups" },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await footprint(db)).toEqual(before);
  });
});
