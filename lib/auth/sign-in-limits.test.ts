import bcrypt from "bcryptjs";
import { count } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInAttempts, users } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "../testing/test-database";
import { passwordSignIn, type LockNotice } from "./password-sign-in";
import { clientAddress, passwordLockedUntil, reserveSignInLink, SIGN_IN_LIMITS } from "./sign-in-limits";

const NOW = new Date("2026-12-01T12:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const EMAIL = "maya@northwind.example";
let database: TestDatabase;
let notices: LockNotice[];

beforeEach(async () => {
  database = await createTestDatabase();
  await database.db.insert(users).values({ email: EMAIL, name: "Maya", passwordHash: await bcrypt.hash("right-password", 4) });
  notices = [];
});
afterEach(async () => database.cleanup());

const attempt = (password: string, when: Date, client = "203.0.113.7", email = EMAIL) =>
  passwordSignIn(database.db, { email, password, client }, when, async (n) => notices.push(n));

describe("password guessing is limited per address and per client, across processes (in the database)", () => {
  it("after 5 wrong passwords in 15 minutes the right one is refused until the oldest is 15 minutes old", async () => {
    for (let i = 0; i < 5; i++) expect(await attempt("guess", at(i))).toBeNull();
    expect(await attempt("right-password", at(5))).toBeNull();
    expect(await passwordLockedUntil(database.db, { email: EMAIL, client: "198.51.100.1" }, at(5))).toEqual(at(15));
    expect(await attempt("right-password", at(14.9))).toBeNull();
    expect((await attempt("right-password", at(15)))?.email).toBe(EMAIL);
  });

  it("29 guesses at once and more after them: no more than 5 passwords are ever checked in the window", async () => {
    const verify = vi.spyOn(bcrypt, "compare");
    const burst = await Promise.all(Array.from({ length: 29 }, () => attempt("guess", NOW)));
    expect(burst.every((r) => r === null)).toBe(true);
    // Each try is counted before its password is checked, so concurrent ones can only be stricter, never looser.
    expect(verify.mock.calls.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.password.perEmail);
    for (let i = 0; i < 10; i++) await attempt("guess", at(1 + i / 10));
    expect(verify.mock.calls.length).toBe(SIGN_IN_LIMITS.password.perEmail);
    verify.mockRestore();
    expect(await attempt("right-password", at(3))).toBeNull();
  });

  it("tells the address's owner once per lock, with when and from where", async () => {
    for (let i = 0; i < 8; i++) await attempt("guess", at(i / 10));
    expect(notices).toHaveLength(1);
    // The time sign-in opens again: 15 minutes after the oldest of the five, as the form says.
    expect(notices[0]).toMatchObject({ to: EMAIL, failures: 5, client: "203.0.113.7", retryAt: at(15) });
  });

  it("does not email an address that has no account", async () => {
    for (let i = 0; i < 5; i++) await attempt("guess", NOW, "203.0.113.7", "nobody@stranger.example");
    expect(notices).toEqual([]);
  });

  it("a right password does not count against the address", async () => {
    for (let i = 0; i < 4; i++) await attempt("guess", at(i));
    expect(await attempt("right-password", at(4))).not.toBeNull();
    expect(await attempt("guess", at(5))).toBeNull();
    // The fifth wrong one locks: the right password counted for nothing.
    expect(await passwordLockedUntil(database.db, { email: EMAIL, client: "x" }, at(5))).toEqual(at(15));
  });

  it("one client guessing many addresses is stopped after 20, whichever address it tries", async () => {
    for (let i = 0; i < 20; i++) await attempt("guess", NOW, "203.0.113.9", `user${i}@stranger.example`);
    expect(await attempt("right-password", at(1), "203.0.113.9")).toBeNull();
    // The same person from another address is not blocked by that client.
    expect((await attempt("right-password", at(1), "198.51.100.2"))?.email).toBe(EMAIL);
  });

  it("forgets tries older than the window", async () => {
    for (let i = 0; i < 4; i++) await attempt("guess", NOW);
    await attempt("guess", at(30));
    const [row] = await database.db.select({ n: count() }).from(signInAttempts);
    expect(row?.n).toBe(1);
  });
});

describe("sign-in links are capped, never blocked for good", () => {
  it("5 links per address in 15 minutes, then none until the oldest is 15 minutes old; a password lock does not matter", async () => {
    for (let i = 0; i < 5; i++) await attempt("guess", NOW);
    const who = { email: EMAIL, client: "203.0.113.7" };
    for (let i = 0; i < 5; i++) expect((await reserveSignInLink(database.db, who, at(i))).ok).toBe(true);
    expect(await reserveSignInLink(database.db, who, at(5))).toEqual({ ok: false, retryAt: at(15) });
    // Refused requests do not push the window: the next link goes at the 15th minute.
    for (let i = 0; i < 10; i++) await reserveSignInLink(database.db, who, at(6 + i / 10));
    expect((await reserveSignInLink(database.db, who, at(15))).ok).toBe(true);
  });
});

describe("clientAddress", () => {
  it.each([
    [{ "x-real-ip": "203.0.113.7", "x-forwarded-for": "1.1.1.1" }, "203.0.113.7"],
    [{ "x-forwarded-for": "198.51.100.4, 10.0.0.1" }, "198.51.100.4"],
    [{}, "unknown"],
  ])("%o -> %s", (headers, expected) => {
    expect(clientAddress(new Headers(headers))).toBe(expected);
  });
});
