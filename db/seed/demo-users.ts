/** The demo sign-ins, printed when the app starts on a seeded database and listed in the README. */
export const DEMO_PASSWORD = "fixline-demo";

export const DEMO_USERS = {
  warehouseAdmin: {
    email: "maya@northwind-fulfillment.example",
    name: "Maya Ortega",
    role: "admin",
    account: "Northwind Fulfillment",
  },
  merchantUser: {
    email: "sam@alderandoak.example",
    name: "Sam Whitaker",
    role: "admin",
    account: "Alder & Oak Home",
  },
  // Members (docs/roles.md): they see everything their account sees and fix orders and alerts; the settings
  // pages are read-only to them.
  warehouseMember: {
    email: "lee@northwind-fulfillment.example",
    name: "Lee Park",
    role: "member",
    account: "Northwind Fulfillment",
  },
  merchantMember: {
    email: "riley@alderandoak.example",
    name: "Riley Chen",
    role: "member",
    account: "Alder & Oak Home",
  },
} as const;

export function demoLoginLines(): string[] {
  return Object.values(DEMO_USERS).map((u) => `  ${u.email.padEnd(38)} ${DEMO_PASSWORD}   (${u.account}, ${u.role})`);
}
