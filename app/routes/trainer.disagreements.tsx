import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { Table } from "~/components/table";
import { inLang } from "~/i18n/lang";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { disagreements } from "~/models/corrections.server";
import { teamIdsVisibleTo } from "~/models/teams.server";
import { formatDateTime } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageTitle(args, (m) => m["disagree.title"]);

/** The examples shown under each rule; the export has them all. */
const SHOWN_EXAMPLES = 20;

/**
 * The scoring rules trainers disagree with most (issue 20, item 3), from the examples of the calls a trainer
 * reviews (a supervisor: every call): findings marked wrong, and scores changed against a rule. Each rule is named
 * by what it tells trainees, with its examples and a link to each review.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "review:attempts");
  const lang = requestLang(request);
  const { examples, rules } = await disagreements(await teamIdsVisibleTo(viewer));
  return {
    count: examples.length,
    rules: rules.map(({ rule, name, dimensions, marked, rescored, examples: ruleExamples }) => ({
      rule,
      name: inLang(name, lang),
      dimensions,
      marked,
      rescored,
      total: ruleExamples.length,
      examples: ruleExamples.slice(0, SHOWN_EXAMPLES).map((e) => ({ ...e, scenarioTitle: inLang(e.scenarioTitle, lang), at: formatDateTime(e.at, lang) })),
    })),
    scoreChanges: examples.flatMap((e) =>
      e.kind === "score"
        ? [
            {
              id: e.id,
              attemptId: e.attemptId,
              title: inLang(e.scenarioTitle, lang),
              dimension: e.dimension,
              scorer: e.scorer,
              to: e.to,
              reason: e.reason,
              byName: e.byName,
              at: formatDateTime(e.at, lang),
            },
          ]
        : [],
    ),
  };
}

type Rule = ReturnType<typeof useLoaderData<typeof loader>>["rules"][number];

export default function Disagreements() {
  const { count, rules, scoreChanges } = useLoaderData<typeof loader>();
  const m = useMessages();
  return (
    <>
      <p>
        <Link to="/trainer">← {m["trainer.title"]}</Link>
      </p>
      <h1>{m["disagree.title"]}</h1>
      <p className="lead">{m["disagree.intro"]}</p>
      {count ? (
        <p className="actions">
          <a className="button" href="/trainer/disagreements.jsonl" download>
            {m["disagree.export"]}
          </a>{" "}
          <span className="muted">{m["disagree.exportHint"]}</span>
        </p>
      ) : (
        <p className="card">{m["disagree.none"]}</p>
      )}
      {rules.length ? (
        <section className="card" aria-labelledby="rules-title">
          <h2 id="rules-title">{m["disagree.rules"]}</h2>
          <p className="muted">{m["disagree.rulesHelp"]}</p>
          <Table label={m["disagree.rules"]} headers={[m["disagree.rule"], m["disagree.dimensions"], m["disagree.marked"], m["disagree.rescored"]]}>
            {rules.map((r, i) => (
              <tr key={r.rule} data-rule={r.rule}>
                <th scope="row">
                  <a href={`#rule-${i}`}>{r.name}</a>
                </th>
                <td>{r.dimensions.map((d) => m[`dimension.${d}`]).join(m.nameSeparator)}</td>
                <td>{r.marked}</td>
                <td>{r.rescored}</td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
      {rules.map((r, i) => (
        <RuleExamples key={r.rule} rule={r} anchor={`rule-${i}`} />
      ))}
      {scoreChanges.length ? (
        <section className="card" aria-labelledby="scores-title">
          <h2 id="scores-title">{m["disagree.scores"]}</h2>
          <Table
            label={m["disagree.scores"]}
            headers={[m["disagree.call"], m["review.dimension"], m["disagree.change"], m["disagree.reason"], m["disagree.by"]]}
          >
            {scoreChanges.map((c) => (
              <tr key={c.id} data-example={c.id}>
                <th scope="row">
                  <Link to={`/trainer/attempts/${c.attemptId}`}>{c.title}</Link>
                </th>
                <td>{m[`dimension.${c.dimension}`]}</td>
                <td>
                  {c.scorer} → {c.to}
                </td>
                <td>{c.reason}</td>
                <td>
                  {c.byName} <span className="muted">{c.at}</span>
                </td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
    </>
  );
}

/** One rule's examples, newest first, each a card: the reply with the words marked, the trainer's reason, the review. */
function RuleExamples({ rule, anchor }: { rule: Rule; anchor: string }) {
  const m = useMessages();
  return (
    <section className="card" id={anchor} aria-labelledby={`${anchor}-title`} data-testid="rule-examples">
      <h2 id={`${anchor}-title`}>{rule.name}</h2>
      <p className="muted">{m["disagree.examples"](rule.total)}</p>
      <ul className="example-cards">
        {rule.examples.map((e) => (
          <li key={`${e.exampleId}-${e.n}`} className="example-card" data-example={e.exampleId}>
            <p>
              <strong>
                {e.change ? m["disagree.kind.score"](m[`dimension.${e.change.dimension}`], e.change.from, e.change.to) : m["disagree.kind.finding"]}
              </strong>
            </p>
            <p className="muted">{m["disagree.meta"](e.byName, e.at, e.scenarioTitle, e.n)}</p>
            <p className="example-card__reply">
              <span className="visually-hidden">
                {m["disagree.reply"]}
                {m.colon}
              </span>
              {e.text.slice(0, e.start)}
              <mark className="mark mark--issue">{e.text.slice(e.start, e.end)}</mark>
              {e.text.slice(e.end)}
            </p>
            <p>
              <strong>
                {m["disagree.reason"]}
                {m.colon}
              </strong>
              {e.reason}
            </p>
            <Link to={`/trainer/attempts/${e.attemptId}#turn-${e.n}`}>{m["disagree.open"]}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
