import type { PageCtx } from "../../../context";
import { PostForm } from "../../../views/form";
import { Layout } from "../../../views/Layout";
import { defaultPseudPath, editPseudPath, newPseudPath, pseudPath, userPath } from "../../../views/paths";
import type { Person, PseudRow } from "../queries";
import { PlainText } from "./PlainText";

/** The names a user writes under; to the user themself, with the tools to manage them. */
export function PseudsPage(props: { ctx: PageCtx; user: Person; pseuds: PseudRow[]; self: boolean }) {
  const { user, self, ctx } = props;
  return (
    <Layout ctx={ctx} title={self ? "My pseuds" : `Pseuds of ${user.login}`}>
      <h1>{self ? "My pseuds" : `Pseuds of ${user.login}`}</h1>
      <p>
        <a href={userPath(user.login)}>Back to {self ? "my profile" : `${user.login}'s profile`}</a>
        {self && (
          <>
            {" · "}
            <a href={newPseudPath(user.login)}>New pseud</a>
          </>
        )}
      </p>
      <ul class="pseud-list">
        {props.pseuds.map((p) => (
          <li>
            <h2>
              <a href={pseudPath(user.login, p.name)}>{p.name}</a>
              {p.isDefault && (
                <>
                  {" "}
                  <span class="badge">Default</span>
                </>
              )}
            </h2>
            {p.description && (
              <div class="description">
                <PlainText text={p.description} />
              </div>
            )}
            {self && (
              <ul class="actions">
                <li>
                  <a href={editPseudPath(user.login, p.name)}>
                    Edit<span class="visually-hidden"> {p.name}</span>
                  </a>
                </li>
                {!p.isDefault && (
                  <li>
                    <PostForm action={defaultPseudPath(user.login, p.name)} csrf={ctx.csrf} class="inline">
                      <button type="submit">
                        Make default<span class="visually-hidden">: {p.name}</span>
                      </button>
                    </PostForm>
                  </li>
                )}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
