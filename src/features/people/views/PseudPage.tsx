import type { PageCtx } from "../../../context";
import { editPseudPath, pseudsPath, userPath } from "../../../views/paths";
import type { Person, PseudRow } from "../queries";
import { PlainText } from "./PlainText";
import { type WorksListing, WorksPage } from "./WorksPage";

/** A pseud's page: its description, then the works credited to it. */
export function PseudPage(props: {
  ctx: PageCtx;
  user: Person;
  pseud: PseudRow;
  self: boolean;
  listing: WorksListing;
  perPage: number;
}) {
  const { user, pseud, self } = props;
  const heading = pseud.name === user.login ? pseud.name : `${pseud.name} (${user.login})`;
  return (
    <WorksPage
      ctx={props.ctx}
      title={heading}
      heading={heading}
      perPage={props.perPage}
      listing={props.listing}
      empty={`No works to show under ${pseud.name}.`}
      intro={
        <section class="pseud-profile" aria-label="About this pseud">
          {pseud.description ? (
            <div class="description">
              <PlainText text={pseud.description} />
            </div>
          ) : null}
          <p>
            A pseud of <a href={userPath(user.login)}>{user.login}</a>
            {pseud.isDefault && ", their default"}.
            {self && (
              <>
                {" "}
                <a href={editPseudPath(user.login, pseud.name)}>Edit this pseud</a>
                {" · "}
                <a href={pseudsPath(user.login)}>All my pseuds</a>
              </>
            )}
          </p>
        </section>
      }
    />
  );
}
