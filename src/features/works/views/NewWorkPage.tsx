import type { PageCtx } from "../../../context";
import type { FieldErrors } from "../../../lib/forms";
import { Layout } from "../../../views/Layout";
import type { PseudChoice } from "../queries";
import type { WorkFormValues } from "../schema";
import { WorkForm } from "./WorkForm";

export function NewWorkPage(p: {
  ctx: PageCtx;
  values: WorkFormValues;
  pseuds: PseudChoice[];
  errors?: FieldErrors;
}) {
  return (
    <Layout ctx={p.ctx} title="Post new work">
      <h1>Post new work</h1>
      <WorkForm ctx={p.ctx} action="/works" values={p.values} pseuds={p.pseuds} errors={p.errors} />
    </Layout>
  );
}
