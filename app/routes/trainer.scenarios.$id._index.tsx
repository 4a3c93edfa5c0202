import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { hasPermission } from "~/auth/permissions";
import { requirePermission } from "~/auth/session.server";
import { inLang } from "~/i18n/lang";
import { requestLang, requestMessages } from "~/i18n/lang.server";
import { useLang, useMessages } from "~/i18n/use-messages";
import type { Messages } from "~/i18n/messages";
import {
  checkDraftText,
  discardDraft,
  editableText,
  formOf,
  getAuthoredScenario,
  lineDiff,
  publishableTeamIds,
  publishDraft,
  rawScript,
  requestPublishForEveryone,
  retireScenario,
  rollBackDraft,
  saveDraftForm,
  saveDraftText,
  type SaveResult,
} from "~/models/scenario-authoring.server";
import { listTeams } from "~/models/teams.server";
import { draftScenarioId, fieldOf, MAX_TEXT_CHARS, type AuthoringProblem, type ScenarioForm } from "~/roleplay/authoring-fields";
import { getLexicon } from "~/scoring/lexicon-files.server";
import { ConfirmStep } from "~/components/confirm-step";
import { IntentButton } from "~/components/intent-button";
import { FieldError, FormAlert } from "~/components/form";
import { DiffView, ProblemList, problemLabel, scenarioStatus, statusText } from "~/components/scenario-authoring";
import { now } from "~/utils/clock.server";
import { formatDateTime } from "~/utils/dates";
import { formValues, readForm } from "~/utils/forms.server";
import { pageTitle } from "~/utils/meta";
import { notFound } from "~/utils/params.server";
import { withStoreErrors } from "~/utils/store-errors.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["scenarioAuthor.editTitle"](args.data?.title ?? ""));

async function scenarioOf(params: { id?: string }) {
  return (await getAuthoredScenario(params.id ?? "")) ?? notFound();
}

/** "draft" or a version number, from the compare form. */
const versionChoice = (value: string | null): "draft" | number | null => (value === "draft" ? "draft" : /^\d{1,6}$/.test(value ?? "") ? Number(value) : null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "author:scenarios");
  const row = await scenarioOf(params);
  const lang = requestLang(request);
  const url = new URL(request.url);
  const text = editableText(row);
  const problems = row.draft ? (await checkDraftText(row.id, text)).problems : [];
  const raw = rawScript(text);
  const form = raw ? formOf(raw) : null;
  const pick = (t: { zh: string; en: string }) => inLang(t, lang);
  const allTeams = await listTeams();
  const mine = new Set(await publishableTeamIds(user));
  const textOf = (v: "draft" | number | null) => (v === "draft" ? (row.draft?.yaml ?? null) : (row.versions.find((x) => x.version === v)?.yaml ?? null));
  const from = versionChoice(url.searchParams.get("from"));
  const to = versionChoice(url.searchParams.get("to"));
  const [before, after] = [textOf(from), textOf(to)];
  return {
    id: row.id,
    title: form ? inLang({ zh: form.title.zh || row.id, en: form.title.en || form.title.zh || row.id }, lang) : row.id,
    copiedFrom: row.copiedFrom,
    status: scenarioStatus(row),
    latest: row.versions.at(-1)?.version ?? null,
    hasDraft: row.draft !== null,
    retiredAt: row.retiredAt,
    text,
    form,
    problems,
    moves: getLexicon().moves.map((mv) => ({ id: mv.id, name: pick(mv.name) })),
    teams: allTeams.filter((t) => mine.has(t.id)).map((t) => ({ id: t.id, name: t.name })),
    mayPublishEveryone: hasPermission(user.role, "publish:scenarios-everyone"),
    mayRetire: hasPermission(user.role, "retire:scenarios"),
    everyoneRequestBy: row.everyoneRequest?.byName ?? null,
    notice: (["created", "copied", "imported"] as const).find((n) => url.searchParams.has(n)) ?? null,
    versions: row.versions
      .map((v) => ({
        version: v.version,
        publishedAt: v.publishedAt,
        byName: v.byName,
        rolledBackFrom: v.rolledBackFrom,
        audience: v.audience === "everyone" ? null : v.audience.map((t) => allTeams.find((x) => x.id === t)?.name ?? t),
      }))
      .reverse(),
    compare: before !== null && after !== null ? { from: from!, to: to!, lines: lineDiff(before, after) } : null,
  };
}

type Outcome = {
  intent: string;
  message: string | null;
  error: string | null;
  problems: AuthoringProblem[];
  fieldErrors: Record<string, string>;
  text: string | null;
  confirmRetire: boolean;
};
const outcome = (intent: string, fields: Partial<Outcome>): Outcome => ({
  intent,
  message: null,
  error: null,
  problems: [],
  fieldErrors: {},
  text: null,
  confirmRetire: false,
  ...fields,
});

// Control characters other than tab and line breaks: never typed into a form.
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** The form's own fields that cannot be written at all: nothing is saved, and each gets its message. */
function refusedFields(fields: ReadonlyMap<string, string>, m: Messages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, value] of fields) {
    if (CONTROL.test(value)) errors[name] = m["scenarioAuthor.fieldControlChars"];
    else if (value.length > MAX_TEXT_CHARS) errors[name] = m["scenarioAuthor.fieldTooLong"](MAX_TEXT_CHARS);
  }
  return errors;
}

function saved(intent: string, result: SaveResult, m: Messages, text: string | null) {
  if (result.ok) {
    const n = result.problems.length;
    return outcome(intent, { message: n ? m["scenarioAuthor.savedWithProblems"](n) : m["scenarioAuthor.saved"], problems: result.problems });
  }
  if ("problems" in result) return data(outcome(intent, { error: m["scenarioAuthor.notSaved"], problems: result.problems, text }), { status: 400 });
  if (result.error === "not-found") notFound();
  return data(outcome(intent, { error: m["scenarioAuthor.error.retired"] }), { status: 409 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return withStoreErrors(request, async () => {
    const user = await requirePermission(request, "author:scenarios");
    const row = await scenarioOf(params);
    const m = requestMessages(request);
    const form = await readForm(request, m);
    const values = formValues(form);
    const at = now();
    switch (values.intent) {
      case "save-form": {
        const fields = new Map(Object.entries(values).filter(([name]) => name !== "intent" && name !== "moves-field"));
        const fieldErrors = refusedFields(fields, m);
        if (Object.keys(fieldErrors).length) return data(outcome("save-form", { error: m["scenarioAuthor.notSaved"], fieldErrors }), { status: 400 });
        const moves = new Map(form.getAll("moves-field").map((name) => [String(name), form.getAll(String(name)).map(String)]));
        return saved("save-form", await saveDraftForm(row.id, fields, moves, user, at), m, null);
      }
      case "save-yaml": {
        const text = (values.yaml ?? "").replace(/\r\n?/g, "\n");
        return saved("save-yaml", await saveDraftText(row.id, text, user, at), m, text);
      }
      case "publish": {
        const audience = values.everyone === "yes" ? ("everyone" as const) : form.getAll("team").map(String);
        if (audience !== "everyone" && !audience.length) return data(outcome("publish", { error: m["scenarioAuthor.pickAudience"] }), { status: 400 });
        const published = await publishDraft(row.id, audience, user, at);
        if (published.ok) return outcome("publish", { message: m["scenarioAuthor.published"](published.version) });
        if ("problems" in published)
          return data(outcome("publish", { error: m["scenarioAuthor.cannotPublish"], problems: published.problems }), { status: 400 });
        if (published.error === "not-found") notFound();
        if (published.error === "audience") return data(outcome("publish", { error: m["scenarioAuthor.audienceRefused"] }), { status: 403 });
        const error = published.error === "retired" ? m["scenarioAuthor.error.retired"] : m["scenarioAuthor.noDraft"];
        return data(outcome("publish", { error }), { status: 409 });
      }
      case "request-everyone": {
        const asked = await requestPublishForEveryone(row.id, user, at);
        return asked.ok
          ? outcome("request-everyone", { message: m["scenarioAuthor.askedEveryone"] })
          : data(outcome("request-everyone", { error: m["scenarioAuthor.error.retired"] }), { status: 409 });
      }
      case "rollback": {
        const version = Number(values.version);
        const rolled = Number.isInteger(version) ? await rollBackDraft(row.id, version, user, at) : ({ ok: false, error: "no-version" } as const);
        if (rolled.ok) return outcome("rollback", { message: m["scenarioAuthor.rolledBack"](version) });
        const error = rolled.error === "retired" ? m["scenarioAuthor.error.retired"] : m["scenarioAuthor.error.noVersion"];
        return data(outcome("rollback", { error }), { status: rolled.error === "retired" ? 409 : 400 });
      }
      case "discard":
        return (await discardDraft(row.id))
          ? outcome("discard", { message: m["scenarioAuthor.discarded"] })
          : data(outcome("discard", { error: m["scenarioAuthor.noDraft"] }), { status: 409 });
      case "retire": {
        await requirePermission(request, "retire:scenarios");
        // Asked first: the confirmation says what retiring does and does not do.
        if (values.confirmed !== "yes") return outcome("retire", { confirmRetire: true });
        return (await retireScenario(row.id, at))
          ? outcome("retire", { message: m["scenarioAuthor.retiredNow"] })
          : data(outcome("retire", { error: m["scenarioAuthor.error.retired"] }), { status: 409 });
      }
      default:
        return data(outcome("", { error: m["form.invalidRequest"] }), { status: 400 });
    }
  });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function EditScenario() {
  const page = useLoaderData<typeof loader>();
  const { id, title, copiedFrom, status, latest, hasDraft, retiredAt, text, form, notice, versions, compare } = page;
  const result = useActionData<typeof action>();
  const m = useMessages();
  const lang = useLang();
  // After a save, its problems (a refused save's included); otherwise the stored draft's.
  const problems = result && (result.intent === "save-form" || result.intent === "save-yaml" || result.intent === "publish") ? result.problems : page.problems;
  const fieldErrors: Record<string, string> = { ...(result?.fieldErrors ?? {}) };
  for (const p of problems) {
    const field = fieldOf(p);
    if (field && !fieldErrors[field]) fieldErrors[field] = problemLabel(p, m);
  }
  const playable = hasDraft && !retiredAt && page.problems.length === 0;
  return (
    <div className="scenario-editor">
      <p>
        <Link to="/trainer/scenarios">← {m["scenarioAuthor.back"]}</Link>
      </p>
      <h1>{m["scenarioAuthor.editTitle"](title)}</h1>
      <p>
        <span data-testid="scenario-status">{statusText(status, latest, m)}</span>
        {copiedFrom ? (
          <span className="muted"> · {copiedFrom === "import" ? m["scenarioAuthor.fromImport"] : m["scenarioAuthor.copiedFrom"](copiedFrom)}</span>
        ) : null}
      </p>
      {!result && notice ? (
        <FormAlert
          tone="success"
          message={
            notice === "created"
              ? m["scenarioAuthor.created"]
              : notice === "copied"
                ? m["scenarioAuthor.copied"](copiedFrom ?? "")
                : m["scenarioAuthor.imported"]
          }
        />
      ) : null}
      {result?.message ? <FormAlert tone="success" message={result.message} /> : null}
      {result?.error ? <FormAlert message={result.error} /> : null}
      {result?.confirmRetire ? (
        <ConfirmStep
          question={m["scenarioAuthor.retireQuestion"](title)}
          fields={{ intent: "retire" }}
          confirmLabel={m["scenarioAuthor.retireConfirm"]}
          keepLabel={m["scenarioAuthor.keep"]}
        >
          <p>{m["scenarioAuthor.retireDetail"]}</p>
        </ConfirmStep>
      ) : null}

      {retiredAt ? <p className="card">{m["scenarioAuthor.retiredNote"](formatDateTime(retiredAt, lang))}</p> : null}

      {/* The draft's checks; also a refused save's problems when there is no draft (the published text was edited). */}
      {!retiredAt && (hasDraft || problems.length) ? (
        <section className="card" aria-labelledby="check-title">
          <h2 id="check-title" className="visually-hidden">
            {m["scenarioAuthor.problems"](problems.length)}
          </h2>
          {problems.length ? (
            <div role="alert">
              <p>{m["scenarioAuthor.problems"](problems.length)}</p>
              <ProblemList problems={problems} id="problems" />
            </div>
          ) : (
            <p role="status">{m["scenarioAuthor.noProblems"]}</p>
          )}
          {playable ? (
            <>
              <p className="muted">{m["scenarioAuthor.tryHint"]}</p>
              <div className="button-row">
                <Link className="button primary" to={`/practice/${draftScenarioId(id)}?mode=practice`}>
                  {m["scenarioAuthor.try"]}
                </Link>
                <Link className="button" to={`/practice/${draftScenarioId(id)}/map`}>
                  {m["scenarioAuthor.map"]}
                </Link>
              </div>
            </>
          ) : null}
        </section>
      ) : null}

      {retiredAt ? null : form ? (
        <FieldsForm key={text} form={form} moves={page.moves} errors={fieldErrors} />
      ) : (
        <p className="card">{m["scenarioAuthor.formUnavailable"]}</p>
      )}

      {retiredAt ? null : (
        <section className="card" aria-labelledby="yaml-title">
          <h2 id="yaml-title">{m["scenarioAuthor.yaml"]}</h2>
          <p className="muted">{m["scenarioAuthor.yamlHint"]}</p>
          <Form method="post" encType="multipart/form-data" className="form">
            <input type="hidden" name="intent" value="save-yaml" />
            <label className="field">
              <span>{m["scenarioAuthor.yaml"]}</span>
              <textarea
                key={text}
                id="script-text"
                name="yaml"
                rows={24}
                className="script-text"
                spellCheck={false}
                defaultValue={result?.intent === "save-yaml" && result.text !== null ? result.text : text}
                aria-describedby={problems.length ? "problems" : undefined}
              />
            </label>
            <button type="submit" className="button primary">
              {m["scenarioAuthor.saveYaml"]}
            </button>
          </Form>
        </section>
      )}

      {retiredAt ? null : <PublishPanel page={page} />}

      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{m["scenarioAuthor.versions"]}</h2>
        {hasDraft ? (
          <p>
            <a href={`/trainer/scenarios/${id}/export?version=draft`} download>
              {m["scenarioAuthor.exportDraft"]}
            </a>
          </p>
        ) : null}
        {versions.length ? (
          <ul className="plain-list" data-testid="versions">
            {versions.map((v) => (
              <li key={v.version}>
                <p>
                  <strong>{m["scenarioAuthor.versionN"](v.version)}</strong>
                  {v.rolledBackFrom ? m["scenarioAuthor.rolledBackFrom"](v.rolledBackFrom) : null} ·{" "}
                  {m["scenarioAuthor.versionBy"](v.byName, formatDateTime(v.publishedAt, lang))} ·{" "}
                  {v.audience ? v.audience.join(m.nameSeparator) : m["scenarioAuthor.audience.everyone"]}
                </p>
                <div className="button-row">
                  <a href={`/trainer/scenarios/${id}/export?version=${v.version}`} download aria-label={m["scenarioAuthor.exportOf"](v.version)}>
                    {m["scenarioAuthor.export"]}
                  </a>
                  {!retiredAt ? (
                    <IntentButton intent="rollback" label={m["scenarioAuthor.rollBack"](v.version)} fields={{ version: String(v.version) }} />
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{m["scenarioAuthor.noVersions"]}</p>
        )}
        {versions.length + (hasDraft ? 1 : 0) >= 2 ? (
          <CompareForm
            key={`${hasDraft}:${versions.length}`} /* new choices after a publication: start from the newest two again */
            versions={versions.map((v) => v.version)}
            hasDraft={hasDraft}
          />
        ) : null}
        {compare ? (
          <DiffView
            lines={compare.lines}
            title={m["scenarioAuthor.diffTitle"](
              compare.from === "draft" ? m["scenarioAuthor.draftOption"] : m["scenarioAuthor.versionN"](compare.from),
              compare.to === "draft" ? m["scenarioAuthor.draftOption"] : m["scenarioAuthor.versionN"](compare.to),
            )}
          />
        ) : null}
      </section>

      {!retiredAt && page.mayRetire ? (
        <div className="card">
          <IntentButton intent="retire" label={m["scenarioAuthor.retire"]} tone="danger" />
        </div>
      ) : null}
    </div>
  );
}

function PublishPanel({ page }: { page: LoaderData }) {
  const m = useMessages();
  const { hasDraft, latest, teams, mayPublishEveryone, everyoneRequestBy } = page;
  return (
    <section className="card" aria-labelledby="publish-title">
      <h2 id="publish-title">{m["scenarioAuthor.publish"]}</h2>
      <p className="muted">{m["scenarioAuthor.publishHint"]}</p>
      {everyoneRequestBy ? <p className="badge">{m["scenarioAuthor.everyoneRequested"](everyoneRequestBy)}</p> : null}
      {hasDraft ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="publish" />
          <fieldset>
            <legend>{m["scenarioAuthor.publishTo"]}</legend>
            {mayPublishEveryone ? (
              <label className="check">
                <input type="checkbox" name="everyone" value="yes" /> {m["scenarioAuthor.everyone"]}
              </label>
            ) : null}
            {teams.map((t) => (
              <label key={t.id} className="check">
                <input type="checkbox" name="team" value={t.id} /> {t.name}
              </label>
            ))}
            {!teams.length && !mayPublishEveryone ? <p className="muted">{m["scenarioAuthor.noTeams"]}</p> : null}
          </fieldset>
          <button type="submit" className="button primary">
            {m["scenarioAuthor.publishButton"]}
          </button>
        </Form>
      ) : (
        <p>{m["scenarioAuthor.noDraft"]}</p>
      )}
      <div className="button-row">
        {!mayPublishEveryone ? <IntentButton intent="request-everyone" label={m["scenarioAuthor.askEveryone"]} /> : null}
        {hasDraft && latest ? <IntentButton intent="discard" label={m["scenarioAuthor.discard"]} /> : null}
      </div>
    </section>
  );
}

function CompareForm({ versions, hasDraft }: { versions: number[]; hasDraft: boolean }) {
  const m = useMessages();
  const options = [
    ...(hasDraft ? [{ value: "draft", label: m["scenarioAuthor.draftOption"] }] : []),
    ...versions.map((v) => ({ value: String(v), label: m["scenarioAuthor.versionN"](v) })),
  ];
  return (
    <Form method="get" className="form form--inline" aria-label={m["scenarioAuthor.compare"]}>
      <h3>{m["scenarioAuthor.compare"]}</h3>
      <VersionSelect name="from" label={m["scenarioAuthor.compareFrom"]} options={options} initial={options[1]?.value} />
      <VersionSelect name="to" label={m["scenarioAuthor.compareTo"]} options={options} initial={options[0]?.value} />
      <button type="submit" className="button">
        {m["scenarioAuthor.compareButton"]}
      </button>
    </Form>
  );
}

function VersionSelect({ name, label, options, initial }: { name: string; label: string; options: Array<{ value: string; label: string }>; initial?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={initial}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A text field of the form, with the problem found at it. */
function Text({ name, label, value, errors, long }: { name: string; label: string; value: string; errors: Record<string, string>; long?: boolean }) {
  const error = errors[name];
  const errorId = `${name}-error`;
  const props = { name, defaultValue: value, "aria-invalid": error ? true : undefined, "aria-describedby": error ? errorId : undefined };
  return (
    <label className="field">
      <span>{label}</span>
      {long ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
      <FieldError id={errorId} message={error} />
    </label>
  );
}

function NumberField({ name, label, value, errors }: { name: string; label: string; value: number; errors: Record<string, string> }) {
  const error = errors[name];
  return (
    <label className="field field--number">
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        name={name}
        defaultValue={String(value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      />
      <FieldError id={`${name}-error`} message={error} />
    </label>
  );
}

function MovesPicker({ name, label, chosen, moves, error }: { name: string; label: string; chosen: string[]; moves: LoaderData["moves"]; error?: string }) {
  const m = useMessages();
  const known = new Set(moves.map((mv) => mv.id));
  return (
    <label className="field">
      <span>
        {label} <small className="muted">{m.paren(m["scenarioAuthor.movesHint"])}</small>
      </span>
      <input type="hidden" name="moves-field" value={name} />
      <select
        multiple
        name={name}
        defaultValue={chosen}
        size={5}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      >
        {/* A move the script names that the lexicon does not know is shown, so saving the form does not drop it silently. */}
        {chosen
          .filter((id) => !known.has(id))
          .map((id) => (
            <option key={id} value={id}>
              {id} ✗
            </option>
          ))}
        {moves.map((mv) => (
          <option key={mv.id} value={mv.id}>
            {mv.name} ({mv.id})
          </option>
        ))}
      </select>
      <FieldError id={`${name}-error`} message={error} />
    </label>
  );
}

function FieldsForm({ form, moves, errors }: { form: ScenarioForm; moves: LoaderData["moves"]; errors: Record<string, string> }) {
  const m = useMessages();
  return (
    <section className="card" aria-labelledby="form-title">
      <h2 id="form-title">{m["scenarioAuthor.form"]}</h2>
      <p className="muted">{m["scenarioAuthor.formHint"]}</p>
      <Form method="post" encType="multipart/form-data" className="form scenario-form">
        <input type="hidden" name="intent" value="save-form" />
        <Text name="title.zh" label={m["scenarioAuthor.titleZh"]} value={form.title.zh} errors={errors} />
        <Text name="title.en" label={m["scenarioAuthor.titleEn"]} value={form.title.en} errors={errors} />
        <Text name="setting.zh" label={m["scenarioAuthor.settingZh"]} value={form.setting.zh} errors={errors} long />
        <Text name="setting.en" label={m["scenarioAuthor.settingEn"]} value={form.setting.en} errors={errors} long />
        <NumberField name="startEmotion" label={m["scenarioAuthor.startEmotion"]} value={form.startEmotion} errors={errors} />
        {form.personas.map((p) => (
          <div key={p.id} className="field-pair">
            <Text name={`personas.${p.id}.name.zh`} label={m["scenarioAuthor.personaName"](p.id)} value={p.name.zh} errors={errors} />
            <Text name={`personas.${p.id}.name.en`} label={m["scenarioAuthor.personaNameEn"](p.id)} value={p.name.en} errors={errors} />
          </div>
        ))}
        {form.turns.map((t) => {
          const base = `turns.${t.id}`;
          const hasError = Object.keys(errors).some((k) => k === base || k.startsWith(`${base}.`));
          return (
            <details key={t.id} className="turn-fields" open={hasError}>
              <summary>
                {m["scenarioAuthor.turn"](t.id)}
                {hasError ? " ⚠" : ""}
              </summary>
              <FieldError id={`${base}-error`} message={errors[base]} />
              <Text name={`${base}.line.zh`} label={m["scenarioAuthor.lineZh"]} value={t.line.zh} errors={errors} long />
              <Text name={`${base}.line.en`} label={m["scenarioAuthor.lineEn"]} value={t.line.en} errors={errors} long />
              {t.lines.map((v, i) => (
                <div key={i} className="field-pair">
                  <Text name={`${base}.lines.${i}.zh`} label={m["scenarioAuthor.lineVariantZh"](i + 1)} value={v.zh} errors={errors} long />
                  <Text name={`${base}.lines.${i}.en`} label={m["scenarioAuthor.lineVariantEn"](i + 1)} value={v.en} errors={errors} long />
                  <Text
                    name={`${base}.lines.${i}.narration.zh`}
                    label={m["scenarioAuthor.lineVariantNarrationZh"](i + 1)}
                    value={v.narration.zh}
                    errors={errors}
                  />
                  <Text
                    name={`${base}.lines.${i}.narration.en`}
                    label={m["scenarioAuthor.lineVariantNarrationEn"](i + 1)}
                    value={v.narration.en}
                    errors={errors}
                  />
                </div>
              ))}
              <Text name={`${base}.narration.zh`} label={m["scenarioAuthor.narrationZh"]} value={t.narration.zh} errors={errors} />
              <Text name={`${base}.narration.en`} label={m["scenarioAuthor.narrationEn"]} value={t.narration.en} errors={errors} />
              <Text name={`${base}.hint.zh`} label={m["scenarioAuthor.hintZh"]} value={t.hint.zh} errors={errors} long />
              <Text name={`${base}.hint.en`} label={m["scenarioAuthor.hintEn"]} value={t.hint.en} errors={errors} long />
              <MovesPicker
                name={`${base}.expect.requiredMoves`}
                label={m["scenarioAuthor.requiredMoves"]}
                chosen={t.requiredMoves}
                moves={moves}
                error={errors[`${base}.expect`]}
              />
              <MovesPicker name={`${base}.expect.forbiddenMoves`} label={m["scenarioAuthor.forbiddenMoves"]} chosen={t.forbiddenMoves} moves={moves} />
              {t.next.map((b, i) => {
                const name = `${base}.next.${i}.goto`;
                const targets = form.targets.includes(b.goto) ? form.targets : [b.goto, ...form.targets];
                return (
                  <label key={name} className="field">
                    <span>{m["scenarioAuthor.branch"](i + 1, b.conditional)}</span>
                    <select
                      name={name}
                      defaultValue={b.goto}
                      aria-invalid={errors[name] ? true : undefined}
                      aria-describedby={errors[name] ? `${name}-error` : undefined}
                    >
                      {targets.map((target) => (
                        <option key={target} value={target}>
                          {target}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`${name}-error`} message={errors[name]} />
                  </label>
                );
              })}
              {t.suggestions.map((s, i) => (
                <fieldset key={i} className="suggestion-fields">
                  <legend>{m["scenarioAuthor.suggestion"](i + 1)}</legend>
                  <Text name={`${base}.suggestions.${i}.text`} label={m["scenarioAuthor.suggestionText"]} value={s.text} errors={errors} long />
                  <div className="field-row">
                    {(["listening", "empathy", "wording"] as const).map((d) => (
                      <NumberField
                        key={d}
                        name={`${base}.suggestions.${i}.scores.${d}`}
                        label={m[`scenarioAuthor.score.${d}`]}
                        value={s.scores[d]}
                        errors={errors}
                      />
                    ))}
                  </div>
                </fieldset>
              ))}
            </details>
          );
        })}
        <button type="submit" className="button primary">
          {m["scenarioAuthor.saveForm"]}
        </button>
      </Form>
    </section>
  );
}
