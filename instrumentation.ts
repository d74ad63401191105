// Runs once when the server starts: migrate the database and, if it is empty, load the demo data.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("./db/setup");
  await prepareDatabase();
}
