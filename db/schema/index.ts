export * from "./accounts";
export * from "./auth";
export * from "./connections";
export * from "./orders";
export * from "./deliveries";
export * from "./alerts";
export * from "./notify";
export * from "./webhooks";
