import { pseudPath } from "../../../views/paths";
import type { Creator } from "../queries";

/** Who a work is by: each pseud linked, its login after it when the names differ. */
export function Byline(props: { anonymous: boolean; creators: Creator[] }) {
  if (props.anonymous) return <p class="byline">by Anonymous</p>;
  if (props.creators.length === 0) return null;
  return (
    <p class="byline">
      by{" "}
      {props.creators.map((c, i) => (
        <>
          {i > 0 && ", "}
          <a rel="author" href={pseudPath(c.login, c.pseud)}>
            {c.pseud}
          </a>
          {c.pseud !== c.login && ` (${c.login})`}
        </>
      ))}
    </p>
  );
}
