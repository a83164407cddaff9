/**
 * Destructive test helpers (dropping schemas, flushing keys) call this first: it refuses any
 * database whose name lacks "test", so a mis-set DATABASE_URL cannot wipe real data.
 */
export function assertTestDatabase(databaseUrl: string): void {
  let name: string;
  try {
    name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  } catch {
    throw new Error(`refusing to run a destructive test helper: DATABASE_URL is not a URL (${databaseUrl})`);
  }
  if (!name.toLowerCase().includes('test')) {
    throw new Error(
      `refusing to run a destructive test helper on database "${name}": its name lacks "test". Point DATABASE_URL at a test database.`,
    );
  }
}
