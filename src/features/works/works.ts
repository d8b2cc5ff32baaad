// Posting, editing and deleting works, and the co-creator invitations they carry. Every command
// writes inside one transaction, so a failure leaves nothing half-saved.
import type { Kysely } from "kysely";
import { type ChapterContent, prepareChapter } from "../../core/chapter/content";
import { insertChapter } from "../../core/chapter/queries";
import { refreshWorkStats } from "../../core/work/queries";
import type { Database } from "../../db/types";
import type { FieldErrors } from "../../lib/forms";
import type { SafeHtml } from "../../lib/sanitize";
import { nameKey, titleSortKey, toSafeHtml } from "../../lib/text";
import { setWorkTags } from "../tags/tags";
import {
  approveCreatorships,
  type CoCreatorMatch,
  type CreatorshipLine,
  deleteCreatorships,
  deleteWork,
  findCoCreatorMatches,
  findCreatorship,
  insertCreatorships,
  insertWork,
  markWorkPosted,
  type PseudChoice,
  type PseudOwner,
  updateWork,
} from "./queries";
import { CO_CREATORS_MAX, type NewWorkInput, type WorkFields } from "./schema";

/** The account that keeps orphaned works: nobody can answer an invitation for it. */
const ORPHAN_LOGIN_KEY = "orphan_account";

/** Who a work credits once saved, and whom it invites. */
export interface CreatorPlan {
  /** The viewer's pseuds to credit (approved). */
  credit: number[];
  /** Other users' pseuds to invite (not credited until they accept). */
  invite: PseudOwner[];
}

/**
 * Checks the pseuds a writer ticked and the co-creators they named. On an existing work,
 * `existing` holds its creatorships: at least one approved creator must remain.
 */
export async function planCreators(
  db: Kysely<Database>,
  viewerId: number,
  ownPseuds: PseudChoice[],
  chosen: { pseudIds: number[]; coCreators: string[] },
  existing?: CreatorshipLine[],
): Promise<{ plan: CreatorPlan; errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const ownIds = new Set(ownPseuds.map((p) => p.id));
  const credit = [...new Set(chosen.pseudIds)];
  if (credit.some((id) => !ownIds.has(id))) {
    errors.pseud_ids = "Choose from your own pseuds.";
  } else if (!existing && credit.length === 0) {
    errors.pseud_ids = "Choose at least one of your pseuds to credit.";
  } else if (existing) {
    const others = existing.filter((c) => c.approved && c.userId !== viewerId);
    if (others.length === 0 && credit.length === 0) {
      errors.pseud_ids = "A work needs at least one creator: choose one of your pseuds.";
    }
  }

  const invite: PseudOwner[] = [];
  // Checked before any lookup: the names come from a free-text field of any length.
  if (chosen.coCreators.length > CO_CREATORS_MAX) {
    errors.co_creators = `You can invite at most ${CO_CREATORS_MAX} co-creators to a work.`;
    return { plan: { credit, invite }, errors };
  }
  const already = new Set((existing ?? []).map((c) => c.pseudId));
  const matches = await findCoCreatorMatches(db, chosen.coCreators.map(nameKey));
  for (const name of chosen.coCreators) {
    const found = resolveCoCreator(matches, name);
    if (typeof found === "string") {
      errors.co_creators ??= found;
      continue;
    }
    if (found.userId === viewerId) {
      errors.co_creators ??= `"${name}" is you: choose your own pseuds above instead.`;
      continue;
    }
    if (already.has(found.pseudId) || invite.some((p) => p.pseudId === found.pseudId)) continue;
    invite.push(found);
  }
  return { plan: { credit, invite }, errors };
}

/** A login name means that user's default pseud; a pseud name must belong to exactly one pseud. */
function resolveCoCreator(matches: CoCreatorMatch[], name: string): PseudOwner | string {
  const key = nameKey(name);
  if (key === ORPHAN_LOGIN_KEY) return `"${name}" can't be invited as a co-creator.`;
  const owner = ({ pseudId, pseudName, userId, login }: CoCreatorMatch): PseudOwner => ({
    pseudId,
    pseudName,
    userId,
    login,
  });
  const byLogin = matches.find((m) => m.loginKey === key && m.isDefault);
  if (byLogin) return owner(byLogin);
  const byPseud = matches.filter((m) => m.nameKey === key);
  if (byPseud.length === 0) return `We couldn't find anyone called "${name}". Check the spelling.`;
  if (byPseud.length > 1) {
    return `More than one person uses the pseud "${name}": enter their login name instead.`;
  }
  return owner(byPseud[0]!);
}

/**
 * A work's text as readers will see it: sanitized once, here, before it is saved or previewed.
 * Its first chapter is prepared as every later chapter is.
 */
export interface PreparedWork {
  summary: SafeHtml;
  notes: SafeHtml;
  endNotes: SafeHtml;
  chapter: ChapterContent;
}

export function prepareWorkText(fields: WorkFields): Omit<PreparedWork, "chapter"> {
  return {
    summary: toSafeHtml(fields.summary, "html"),
    notes: toSafeHtml(fields.notes, "html"),
    endNotes: toSafeHtml(fields.endNotes, "html"),
  };
}

export async function prepareNewWork(
  input: NewWorkInput,
): Promise<{ ok: true; prepared: PreparedWork } | { ok: false; errors: FieldErrors }> {
  const chapter = await prepareChapter({
    title: input.chapterTitle,
    summary: "",
    notes: "",
    endNotes: "",
    body: input.body,
    format: input.format,
  });
  if (!chapter.ok) return chapter;
  return { ok: true, prepared: { ...prepareWorkText(input), chapter: chapter.content } };
}

/** A work can't expect fewer chapters than it already has. */
export function expectedChaptersError(fields: WorkFields, chapterCount: number): FieldErrors {
  if (fields.expectedChapters === null || fields.expectedChapters >= chapterCount) return {};
  return {
    expected_chapters: `This work already has ${chapterCount} chapters: expect at least that many, or leave it blank.`,
  };
}

/** Saves a new work with its first chapter, creators, invitations and tags. */
export async function createWork(
  db: Kysely<Database>,
  input: NewWorkInput,
  prepared: PreparedWork,
  plan: CreatorPlan,
  opts: { post: boolean; now?: number },
): Promise<number> {
  const now = opts.now ?? Date.now();
  const posted = opts.post ? 1 : 0;
  return db.transaction().execute(async (trx) => {
    const workId = await insertWork(trx, {
      title: input.title,
      title_sort: titleSortKey(input.title),
      summary: prepared.summary,
      notes: prepared.notes,
      end_notes: prepared.endNotes,
      language: input.language,
      complete: input.complete ? 1 : 0,
      expected_chapters: input.expectedChapters,
      restricted: input.restricted ? 1 : 0,
      anonymous: input.anonymous ? 1 : 0,
      posted,
      created_at: now,
      posted_at: opts.post ? now : null,
      updated_at: now,
    });
    await insertChapter(trx, { ...prepared.chapter, workId, position: 1, posted: opts.post, now });
    await insertCreatorships(
      trx,
      workId,
      [
        ...plan.credit.map((pseudId) => ({ pseudId, approved: true })),
        ...plan.invite.map((p) => ({ pseudId: p.pseudId, approved: false })),
      ],
      now,
    );
    await setWorkTags(trx, workId, input.tags);
    await refreshWorkStats(trx, workId);
    return workId;
  });
}

/**
 * Saves a work's fields, tags and creators. `updated_at` stays as it is: it tells readers when a
 * posted chapter last changed, which editing the work's details does not.
 */
export async function saveWorkEdit(
  db: Kysely<Database>,
  workId: number,
  fields: WorkFields,
  creators: { viewerId: number; plan: CreatorPlan; existing: CreatorshipLine[] } | null,
  now = Date.now(),
): Promise<void> {
  const text = prepareWorkText(fields);
  await db.transaction().execute(async (trx) => {
    await updateWork(trx, workId, {
      title: fields.title,
      title_sort: titleSortKey(fields.title),
      summary: text.summary,
      notes: text.notes,
      end_notes: text.endNotes,
      language: fields.language,
      complete: fields.complete ? 1 : 0,
      expected_chapters: fields.expectedChapters,
      restricted: fields.restricted ? 1 : 0,
      anonymous: fields.anonymous ? 1 : 0,
    });
    await setWorkTags(trx, workId, fields.tags);
    if (creators) {
      const { viewerId, plan, existing } = creators;
      const credit = new Set(plan.credit);
      const mine = existing.filter((c) => c.userId === viewerId);
      await deleteCreatorships(
        trx,
        mine.filter((c) => c.approved && !credit.has(c.pseudId)).map((c) => c.id),
      );
      await approveCreatorships(
        trx,
        mine.filter((c) => credit.has(c.pseudId) && !c.approved).map((c) => c.id),
      );
      const have = new Set(mine.map((c) => c.pseudId));
      await insertCreatorships(
        trx,
        workId,
        [
          ...plan.credit.filter((id) => !have.has(id)).map((pseudId) => ({ pseudId, approved: true })),
          ...plan.invite.map((p) => ({ pseudId: p.pseudId, approved: false })),
        ],
        now,
      );
    }
  });
}

/** Posts a draft work and its first chapter. */
export async function postDraftWork(db: Kysely<Database>, workId: number, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await markWorkPosted(trx, workId, now);
    await refreshWorkStats(trx, workId);
  });
}

/** Deletes a work; its chapters, creatorships and taggings go with it (foreign-key cascades). */
export async function destroyWork(db: Kysely<Database>, workId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteWork(trx, workId);
  });
}

export type InvitationAnswer = "accept" | "reject";

/**
 * Answers a co-creator invitation. Returns "not-found", "forbidden" (not the invited user's) or
 * the work's id.
 */
export async function answerInvitation(
  db: Kysely<Database>,
  creatorshipId: number,
  viewerId: number,
  answer: InvitationAnswer,
): Promise<{ workId: number } | "not-found"> {
  return db.transaction().execute(async (trx) => {
    const row = await findCreatorship(trx, creatorshipId);
    // Someone else's invitation answers as a missing one: its id tells a stranger nothing.
    if (!row || row.approved || row.userId !== viewerId) return "not-found";
    if (answer === "accept") {
      await approveCreatorships(trx, [row.id]);
    } else {
      await deleteCreatorships(trx, [row.id]);
    }
    return { workId: row.workId };
  });
}
