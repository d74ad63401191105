/** Hrana's JSON values (the Hrana 3 spec of tursodatabase/libsql, "Values"): integers travel as strings, blobs as base64. */
export type HranaValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };

export type SqlValue = null | bigint | number | string | Buffer;

export function valueToSql(value: HranaValue): SqlValue {
  switch (value.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(value.value);
    case "float":
      return Number(value.value);
    case "text":
      return value.value;
    case "blob":
      return Buffer.from(value.base64, "base64");
    default:
      throw new ProtoError(`Unknown value type ${(value as { type: string }).type}`);
  }
}

export function valueFromSql(value: unknown): HranaValue {
  if (value === null || value === undefined) return { type: "null" };
  if (typeof value === "bigint") return { type: "integer", value: value.toString() };
  // Read with safe integers, so every INTEGER arrives as a bigint and a number is always a REAL.
  if (typeof value === "number") return { type: "float", value };
  if (typeof value === "string") return { type: "text", value };
  if (value instanceof Uint8Array) return { type: "blob", base64: Buffer.from(value).toString("base64") };
  if (value instanceof ArrayBuffer) return { type: "blob", base64: Buffer.from(value).toString("base64") };
  throw new ProtoError(`Cannot send a value of type ${typeof value}`);
}

/** A malformed request: answered as HTTP 400 with a text body, as the real server does. */
export class ProtoError extends Error {}
