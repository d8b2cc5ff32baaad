import type { PageCtx } from "../../../context";
import type { WorkBlurb } from "../../../core/work/blurbs";
import { formatDate, formatNumber } from "../../../lib/time";
import { Layout } from "../../../views/Layout";
import { newPseudPath, pseudPath, pseudsPath, userWorksPath } from "../../../views/paths";
import { WorkBlurbList } from "../../../views/WorkBlurb";
import type { Person, PseudRow } from "../queries";

/** A user's profile: who they are, their pseuds and their newest works. */
export function ProfilePage(props: {
  ctx: PageCtx;
  user: Person;
  pseuds: PseudRow[];
  works: WorkBlurb[];
  totalWorks: number;
  self: boolean;
}) {
  const { user } = props;
  return (
    <Layout ctx={props.ctx} title={user.login}>
      <h1>{user.login}</h1>
      <dl class="meta profile">
        <dt>Joined:</dt>
        <dd>
          <time datetime={new Date(user.joinedAt).toISOString()}>{formatDate(user.joinedAt)}</time>
        </dd>
      </dl>

      <section aria-labelledby="pseuds-heading">
        <h2 id="pseuds-heading">Pseuds</h2>
        <ul class="pseuds">
          {props.pseuds.map((p) => (
            <li>
              <a href={pseudPath(user.login, p.name)}>{p.name}</a>
              {p.isDefault && <span class="badge"> default</span>}
            </li>
          ))}
        </ul>
        <p>
          <a href={pseudsPath(user.login)}>{props.self ? "Manage my pseuds" : "All pseuds"}</a>
          {props.self && (
            <>
              {" · "}
              <a href={newPseudPath(user.login)}>New pseud</a>
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="works-heading">
        <h2 id="works-heading">Recent works</h2>
        <WorkBlurbList
          blurbs={props.works}
          empty={props.self ? "You haven't posted any works yet." : `${user.login} has no works to show.`}
        />
        {props.totalWorks > 0 && (
          <p>
            <a href={userWorksPath(user.login)}>
              {props.self ? "All my works" : `All works by ${user.login}`} ({formatNumber(props.totalWorks)})
            </a>
          </p>
        )}
      </section>
    </Layout>
  );
}
