import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { tabCounts } from "@/lib/alerts/alert-stats";
import type { Scope } from "@/lib/tenancy/scope";

/** The alert counts of one request, read once for the layout's badge and the Alerts tab (the scope is cached per request too). */
export const requestTabCounts = cache((scope: Scope) => tabCounts(getDb(), scope, new Date()));
