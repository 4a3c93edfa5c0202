import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { requestMessages } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { verifyCertificate } from "~/models/certificates.server";
import { TextField } from "~/components/form";
import { now } from "~/utils/clock.server";
import { fieldErrors } from "~/utils/forms.server";
import { certificateLookupSchema } from "~/utils/form-schemas.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => [...pageTitle(args, (m) => m["cert.verifyTitle"]), { name: "robots", content: "noindex" }];

/**
 * Public (no sign-in): the code read off a printed certificate, typed in any case, with or without its dash or
 * spaces, leads to the certificate's verification page. A plain GET form, so it works without JavaScript.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  if (!query.has("code")) return { typed: "", error: null };
  const m = requestMessages(request);
  const parsed = certificateLookupSchema.safeParse({ code: query.get("code") });
  if (!parsed.success) return data({ typed: "", error: fieldErrors(parsed.error, m).code ?? m["form.invalidRequest"] }, { status: 400 });
  const cert = await verifyCertificate(parsed.data.code, now());
  if (!cert) return data({ typed: parsed.data.code, error: m["cert.lookup.notFound"](parsed.data.code) }, { status: 404 });
  return redirect(`/certificates/${cert.code}`);
}

export default function CertificateLookup() {
  const { typed, error } = useLoaderData<typeof loader>();
  const m = useMessages();
  return (
    <div className="narrow">
      <h1>{m["cert.verifyTitle"]}</h1>
      <p className="lead">{m["cert.lookup.intro"]}</p>
      <Form method="get" className="form card">
        <TextField
          name="code"
          label={m["cert.lookup.field"]}
          defaultValue={typed}
          error={error ?? undefined}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          required
        />
        <button type="submit" className="button primary">
          {m["cert.lookup.submit"]}
        </button>
      </Form>
    </div>
  );
}
