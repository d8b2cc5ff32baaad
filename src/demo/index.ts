import type { Deps } from "../context";

/** Loads the demo archive into an empty database. */
export async function loadDemo(_deps: Deps, _log: (line: string) => void): Promise<void> {}
