// Requests a second on the browse page over HTTP, once the page exists.
//
// TODO(browse page): when GET /works?... renders a filtered listing from the tag engine, start the
// app on 127.0.0.1 against the benchmark's SQLite corpus and run autocannon (an npm dev
// dependency to add then) against a few listing URLs (the queries of browse.ts), bounded in
// connections and duration, and return the mean requests a second. Until then the figure is null.
export async function httpRequestsPerSecond(): Promise<number | null> {
  return null;
}
