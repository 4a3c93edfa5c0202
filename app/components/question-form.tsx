import { Form } from "@remix-run/react";
import { FieldError, FormAlert } from "~/components/form";
import type { Messages } from "~/i18n/messages";
import { useMessages } from "~/i18n/use-messages";
import { OPTION_COUNT, QUESTION_TYPES, type QuestionType } from "~/quiz/question-types";
import { optionId, type Problem, type QuestionContent, type QuestionStatus } from "~/quiz/authoring";

/** A problem from checkQuestion in the trainer's words. */
export function problemMessage(problem: Problem, type: QuestionType, m: Messages): string {
  switch (problem.code) {
    case "required":
      return problem.field.endsWith("explanation") ? m["quizAuthor.problem.explanationRequired"] : m["quizAuthor.problem.stemRequired"];
    case "tooLong":
      return m["quizAuthor.problem.tooLong"](Number(problem.detail));
    case "optionCount":
      return m["quizAuthor.problem.optionCount"](String(problem.detail));
    case "optionEmpty":
      return m["quizAuthor.problem.optionEmpty"];
    case "optionDuplicate":
      return m["quizAuthor.problem.optionDuplicate"](Number(problem.detail));
    case "keyMissing":
      return m["quizAuthor.problem.keyMissing"];
    case "keyCount":
      return m[
        type === "multiple"
          ? "quizAuthor.problem.keyCount.multiple"
          : type === "order"
            ? "quizAuthor.problem.keyCount.order"
            : "quizAuthor.problem.keyCount.single"
      ];
    case "keyOnEmpty":
      return m["quizAuthor.problem.keyOnEmpty"];
    case "keyStandsOut":
      return m["quizAuthor.problem.keyStandsOut"];
    case "section":
      return m["quizAuthor.problem.section"];
    case "englishIncomplete":
      return m["quizAuthor.problem.englishIncomplete"];
    case "duplicateQuestion":
      return m["quizAuthor.problem.duplicateQuestion"](String(problem.detail));
  }
}

/** Choosing the type reloads the form for it (GET): the fields differ by type, and this works without JavaScript. */
export function QuestionTypeChooser({ type }: { type: QuestionType }) {
  const m = useMessages();
  return (
    <Form method="get" className="card form question-type">
      <label className="field">
        <span>{m["quizAuthor.type"]}</span>
        <select name="type" defaultValue={type}>
          {QUESTION_TYPES.map((t) => (
            <option key={t} value={t}>
              {m[`quizAuthor.typeName.${t}`]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button">
        {m["quizAuthor.changeType"]}
      </button>
      <p className="muted">{m[`quizAuthor.typeHint.${type}`]}</p>
    </Form>
  );
}

/**
 * The question's fields: section, Chinese (required) and English (optional) words, the key. Every problem is shown
 * at its field; the form keeps what was typed.
 */
export function QuestionForm({
  content,
  sections,
  problems,
  formError,
  submitLabel,
}: {
  content: QuestionContent;
  sections: Array<{ id: string; title: string }>;
  problems: Problem[];
  /** A message about the whole form (a request that was not the form's). */
  formError?: string | null;
  submitLabel: string;
}) {
  const m = useMessages();
  const { type } = content;
  const errors = new Map<string, string>();
  for (const p of problems) if (!errors.has(p.field)) errors.set(p.field, problemMessage(p, type, m));
  const rows = OPTION_COUNT[type][1];
  const invalid = (field: string) => (errors.has(field) ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {});
  const keyInput = type === "multiple" ? "checkbox" : "radio";
  const text = (lang: "zh" | "en", i: number) => content[lang]?.options[i] ?? "";
  return (
    <Form method="post" className="card form question-form" noValidate>
      <FormAlert message={formError ?? (problems.length ? m["form.fixErrors"] : null)} />
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="type" value={type} />
      <label className="field">
        <span>{m["quizAuthor.section"]}</span>
        <select name="section" defaultValue={content.section} {...invalid("section")}>
          <option value="">{m["quizAuthor.chooseSection"]}</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
        <FieldError id="section-error" message={errors.get("section")} />
      </label>

      <fieldset className="question-form__lang">
        <legend>{m["quizAuthor.chinese"]}</legend>
        <label className="field">
          <span>{m["quizAuthor.stem"]}</span>
          <textarea name="zh.stem" rows={3} defaultValue={content.zh.stem} {...invalid("zh.stem")} />
          <FieldError id="zh.stem-error" message={errors.get("zh.stem")} />
        </label>
        {type === "truefalse" ? (
          <fieldset className="field" {...invalid("correct")}>
            <legend>{m["quizAuthor.keyed"]}</legend>
            {content.zh.options.map((word, i) => (
              <label key={word} className="check-row">
                <input type="radio" name="correct" value={optionId(i)} defaultChecked={content.correct.includes(optionId(i))} />
                <span>{word}</span>
              </label>
            ))}
            <FieldError id="correct-error" message={errors.get("correct")} />
          </fieldset>
        ) : (
          <fieldset className="field question-form__options" {...invalid("zh.options")}>
            <legend>
              {m["quizAuthor.options"]} <small className="muted">{m["quizAuthor.optionsHint"]}</small>
            </legend>
            <FieldError id="zh.options-error" message={errors.get("zh.options")} />
            {Array.from({ length: rows }, (_, i) => (
              <div key={i} className="question-form__option">
                <label className="field">
                  <span>{type === "order" ? m["quizAuthor.step"](i + 1) : m["quizAuthor.option"](i + 1)}</span>
                  <input name={`zh.option.${i}`} defaultValue={text("zh", i)} {...invalid(`zh.option.${i}`)} />
                  <FieldError id={`zh.option.${i}-error`} message={errors.get(`zh.option.${i}`)} />
                </label>
                {type === "order" ? null : (
                  <label className="check-row">
                    <input
                      type={keyInput}
                      name="correct"
                      value={optionId(i)}
                      defaultChecked={content.correct.includes(optionId(i))}
                      aria-label={m["quizAuthor.keyedN"](i + 1)}
                    />
                    <span aria-hidden="true">{m["quizAuthor.keyed"]}</span>
                  </label>
                )}
              </div>
            ))}
            <FieldError id="correct-error" message={errors.get("correct")} />
          </fieldset>
        )}
        <label className="field">
          <span>
            {m["quizAuthor.explanation"]} <small className="muted">{m["quizAuthor.explanationHint"]}</small>
          </span>
          <textarea name="zh.explanation" rows={4} defaultValue={content.zh.explanation} {...invalid("zh.explanation")} />
          <FieldError id="zh.explanation-error" message={errors.get("zh.explanation")} />
        </label>
      </fieldset>

      <fieldset className="question-form__lang">
        <legend>{m["quizAuthor.english"]}</legend>
        <p className="muted">{m["quizAuthor.englishHint"]}</p>
        <label className="field">
          <span>{m["quizAuthor.stemEn"]}</span>
          <textarea name="en.stem" rows={3} defaultValue={content.en?.stem ?? ""} {...invalid("en.stem")} />
          <FieldError id="en.stem-error" message={errors.get("en.stem")} />
        </label>
        {type === "truefalse"
          ? null
          : Array.from({ length: rows }, (_, i) => (
              <label key={i} className="field">
                <span>{type === "order" ? m["quizAuthor.stepEn"](i + 1) : m["quizAuthor.optionEn"](i + 1)}</span>
                <input name={`en.option.${i}`} defaultValue={text("en", i)} {...invalid(`en.option.${i}`)} />
                <FieldError id={`en.option.${i}-error`} message={errors.get(`en.option.${i}`)} />
              </label>
            ))}
        <label className="field">
          <span>{m["quizAuthor.explanationEn"]}</span>
          <textarea name="en.explanation" rows={4} defaultValue={content.en?.explanation ?? ""} {...invalid("en.explanation")} />
          <FieldError id="en.explanation-error" message={errors.get("en.explanation")} />
        </label>
      </fieldset>
      <button type="submit" className="button primary">
        {submitLabel}
      </button>
    </Form>
  );
}

/** A question's status in words, with its latest version. */
export function statusText(status: QuestionStatus, version: number | null, m: Messages): string {
  switch (status) {
    case "retired":
      return m["quizAuthor.status.retired"];
    case "draft":
      return m["quizAuthor.status.draft"];
    case "changed":
      return m["quizAuthor.status.changed"](version ?? 0);
    case "published":
      return m["quizAuthor.status.published"](version ?? 0);
  }
}
