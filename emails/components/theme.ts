// One palette and type scale for every email. System fonts only, no external images or web fonts: the
// emails render the same with images blocked.
export const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif";
export const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

export const COLORS = {
  brand: "#4f46e5",
  ink: "#111827",
  body: "#374151",
  muted: "#6b7280",
  faint: "#9ca3af",
  line: "#e5e7eb",
  page: "#f4f5f7",
  card: "#ffffff",
  panel: "#f9fafb",
} as const;

/** The accent of an email: what kind of news it is, at a glance. */
export const TONES = {
  action: { accent: "#d97706", soft: "#fffbeb", text: "#92400e" },
  danger: { accent: "#dc2626", soft: "#fef2f2", text: "#991b1b" },
  warning: { accent: "#ea580c", soft: "#fff7ed", text: "#9a3412" },
  good: { accent: "#059669", soft: "#ecfdf5", text: "#065f46" },
  info: { accent: "#4f46e5", soft: "#eef2ff", text: "#3730a3" },
} as const;
export type Tone = keyof typeof TONES;
