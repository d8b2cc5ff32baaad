import type { PageCtx } from "../../../context";
import { PostForm } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import type { Invitation } from "../queries";

export function CreatorshipsPage(p: { ctx: PageCtx; invitations: Invitation[] }) {
  return (
    <Layout ctx={p.ctx} title="Co-creator invitations">
      <h1>Co-creator invitations</h1>
      {p.invitations.length === 0 ? (
        <p>You have no invitations waiting for an answer.</p>
      ) : (
        <ul class="works">
          {p.invitations.map((inv) => (
            <li>
              <h2>
                <a href={`/works/${inv.workId}`}>{inv.workTitle}</a>
              </h2>
              <p>
                Invited as <strong>{inv.pseudName}</strong>
                {inv.invitedBy.length > 0 && (
                  <>
                    {" by "}
                    {inv.invitedBy.map((c, i) => (
                      <>
                        {i > 0 && ", "}
                        {c.pseudName === c.login ? c.login : `${c.pseudName} (${c.login})`}
                      </>
                    ))}
                  </>
                )}
                . Accept to be credited as a creator of this work.
              </p>
              <div class="buttons">
                <PostForm action={`/creatorships/${inv.id}/accept`} csrf={p.ctx.csrf} class="inline">
                  <button type="submit">
                    Accept<span class="sr-only"> the invitation to {inv.workTitle}</span>
                  </button>
                </PostForm>
                <PostForm action={`/creatorships/${inv.id}/reject`} csrf={p.ctx.csrf} class="inline">
                  <button type="submit" class="secondary">
                    Reject<span class="sr-only"> the invitation to {inv.workTitle}</span>
                  </button>
                </PostForm>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
