import { webhookEventsJsonSchema } from "@/lib/webhooks/json-schema";

// GET /api/webhooks/schema.json: the machine-readable description of the webhook events (public).
export const dynamic = "force-static";

export function GET() {
  return Response.json(webhookEventsJsonSchema(), { headers: { "cache-control": "public, max-age=300" } });
}
