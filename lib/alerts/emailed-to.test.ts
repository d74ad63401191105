import { describe, expect, it } from "vitest";
import { groupEmailedTo } from "./emailed-to";

const AT = new Date("2026-11-26T12:00:00Z");
const emailed = (id: number, address: string, why = "action needed: address invalid", at = AT) => ({
  id,
  alertId: 1,
  type: "emailed",
  detail: `Emailed to ${address} (${why}).`,
  at,
});

describe("groupEmailedTo", () => {
  it.each([
    [
      "own and warehouse contacts",
      ["sam@m.example", "ops@w.example", "lead@w.example"],
      "Emailed to sam@m.example and 2 warehouse contacts (action needed: address invalid).",
    ],
    ["warehouse contacts only", ["ops@w.example"], "Emailed to 1 warehouse contact (action needed: address invalid)."],
    [
      "own contacts only",
      ["sam@m.example", "riley@m.example"],
      "Emailed to sam@m.example, riley@m.example (action needed: address invalid).",
    ],
  ])("one sending to %s is one line", (_what, addresses, line) => {
    const history = addresses.map((a, i) => emailed(i + 1, a));
    expect(groupEmailedTo(history, new Set(["sam@m.example", "riley@m.example"]))).toEqual([{ ...history[0], detail: line }]);
  });

  it("keeps other events and other sendings apart, in their order", async () => {
    const later = new Date(AT.getTime() + 3_600_000);
    const retried = { id: 9, alertId: 1, type: "retried", detail: "Retried now", at: later };
    const history = [
      emailed(1, "ops@w.example", "giving up soon: address invalid", later),
      retried,
      emailed(2, "SAM@m.example"),
      emailed(3, "ops@w.example"),
    ];
    expect(groupEmailedTo(history, new Set(["sam@m.example"])).map((e) => e.detail)).toEqual([
      "Emailed to 1 warehouse contact (giving up soon: address invalid).",
      "Retried now",
      "Emailed to SAM@m.example and 1 warehouse contact (action needed: address invalid).",
    ]);
  });
});
