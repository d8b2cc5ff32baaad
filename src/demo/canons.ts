// The demo archive's source canons: casts, relationships and the vocabulary the prose generator
// draws on. All of it is public domain; every sentence here is written for Quire.
import { CLASSIC_CANONS } from "./canon-classic";
import { EPIC_CANONS } from "./canon-epic";
import { GOTHIC_CANONS } from "./canon-gothic";
import type { Canon } from "./canon-types";

export const CANONS: Canon[] = [...GOTHIC_CANONS, ...CLASSIC_CANONS, ...EPIC_CANONS];

/** Pairs of canons that writers cross over. */
export const CROSSOVERS: [string, string][] = [
  ["sherlock", "dracula"],
  ["frankenstein", "dracula"],
  ["janeeyre", "pride"],
  ["sherlock", "frankenstein"],
  ["littlewomen", "pride"],
  ["alice", "sherlock"],
  ["odyssey", "journey"],
  ["musketeers", "sherlock"],
];

export function canonByKey(key: string): Canon {
  const canon = CANONS.find((c) => c.key === key);
  if (!canon) throw new Error(`no canon ${key}`);
  return canon;
}

/** The relationship tag for some characters, names in alphabetical order as fans write them. */
export function relationshipName(members: string[], kind: "/" | "&"): string {
  const sorted = [...members].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
  return kind === "/" ? sorted.join("/") : sorted.join(" & ");
}
