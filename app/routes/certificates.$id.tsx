import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useLang, useMessages } from "~/i18n/use-messages";
import { getCertificate } from "~/models/certificates.server";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = (args) => [...pageTitle(args, (m) => m["cert.verifyTitle"]), { name: "robots", content: "noindex" }];

/**
 * Public verification (no sign-in): whoever holds the link can check that a certificate is genuine and valid.
 * It shows the name, team, dates and validity, and nothing else about the trainee.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const cert = params.id && /^[A-Za-z0-9_-]{10,40}$/.test(params.id) ? await getCertificate(params.id) : null;
  if (!cert) throw new Response("Not Found", { status: 404 });
  return {
    id: cert.id,
    name: cert.name,
    team: cert.team,
    issuedAt: cert.issuedAt,
    expiresAt: cert.expiresAt,
    valid: new Date(cert.expiresAt) > now(),
  };
}

export default function Certificate() {
  const c = useLoaderData<typeof loader>();
  const m = useMessages();
  const lang = useLang();
  return (
    <article className="certificate" aria-labelledby="cert-title">
      <p className="certificate__eyebrow">{m.appName}</p>
      <h1 id="cert-title">{m["cert.name"]}</h1>
      <p className="certificate__statement">{m["cert.statement"](c.name)}</p>
      <dl className="facts certificate__facts">
        <dt>{m["cert.holder"]}</dt>
        <dd data-testid="cert-name">{c.name}</dd>
        <dt>{m["cert.team"]}</dt>
        <dd>{c.team}</dd>
        <dt>{m["cert.issued"]}</dt>
        <dd>{formatDate(c.issuedAt, lang)}</dd>
        <dt>{m["cert.expires"]}</dt>
        <dd>{formatDate(c.expiresAt, lang)}</dd>
        <dt>{m["cert.status"]}</dt>
        <dd data-testid="cert-status" className={c.valid ? "right" : "wrong"}>
          {c.valid ? m["cert.valid"] : m["cert.expiredStatus"]}
        </dd>
        <dt>{m["cert.id"]}</dt>
        <dd>
          <code>{c.id}</code>
        </dd>
      </dl>
    </article>
  );
}

export function ErrorBoundary() {
  const m = useMessages();
  return (
    <section className="error-page">
      <h1>{m["cert.verifyTitle"]}</h1>
      <p>{m["cert.notFound"]}</p>
    </section>
  );
}
