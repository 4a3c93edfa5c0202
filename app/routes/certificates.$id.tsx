import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useLang, useMessages } from "~/i18n/use-messages";
import { verifyCertificate } from "~/models/certificates.server";
import { now } from "~/utils/clock.server";
import { formatDate } from "~/utils/dates";
import { pageTitle } from "~/utils/meta";
import { qrCodeSvg } from "~/utils/qr-code.server";

export const meta: MetaFunction = (args) => [...pageTitle(args, (m) => m["cert.verifyTitle"]), { name: "robots", content: "noindex" }];

/**
 * Public verification (no sign-in): whoever holds the link, or types the short code printed on the certificate,
 * can check that it is genuine and valid. It shows the certificate itself (issuer, holder, team, dates, validity,
 * code, and the address to check it at, as text and as a QR code drawn on the server) and nothing else about the
 * trainee. Valid or not is the server's answer.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const cert = await verifyCertificate(params.id ?? "", now());
  if (!cert) throw new Response("Not Found", { status: 404 });
  // The address it is checked at: this server's, as the holder reached it (behind a trusted proxy, its public one).
  const url = `${new URL(request.url).origin}/certificates/${cert.code}`;
  return { ...cert, url, qrSvg: await qrCodeSvg(url) };
}

export default function Certificate() {
  const c = useLoaderData<typeof loader>();
  const m = useMessages();
  const lang = useLang();
  return (
    <div className="certificate-page">
      <p className="certificate-actions no-print">
        <PrintButton />
        <Link to="/certificates">{m["cert.verifyOther"]}</Link>
      </p>
      <article className="certificate" aria-labelledby="cert-title" data-valid={c.valid ? "true" : "false"}>
        <div className="certificate__frame">
          <header className="certificate__head">
            <p className="certificate__issuer" data-testid="cert-issuer">
              {c.organisation}
            </p>
            <h1 id="cert-title">{m["cert.name"]}</h1>
          </header>
          <div className="certificate__body">
            <p className="certificate__certifies">{m["cert.certifies"]}</p>
            <p className="certificate__name" data-testid="cert-name">
              {c.name}
            </p>
            <p className="certificate__statement">{m["cert.statement"]}</p>
          </div>
          <dl className="facts certificate__facts">
            <dt>{m["cert.holder"]}</dt>
            <dd>{c.name}</dd>
            <dt>{m["cert.team"]}</dt>
            <dd>{c.team}</dd>
            <dt>{m["cert.issued"]}</dt>
            <dd data-testid="cert-issued">{formatDate(c.issuedAt, lang)}</dd>
            <dt>{m["cert.expires"]}</dt>
            <dd data-testid="cert-expires">{formatDate(c.expiresAt, lang)}</dd>
            <dt>{m["cert.status"]}</dt>
            <dd data-testid="cert-status" className={c.valid ? "right" : "wrong"}>
              {c.valid ? m["cert.valid"] : m["cert.expiredStatus"]}
            </dd>
            <dt>{m["cert.issuer"]}</dt>
            <dd>{c.organisation}</dd>
            <dt>{m["cert.code"]}</dt>
            <dd>
              <strong className="certificate__code" data-testid="cert-code">
                {c.code}
              </strong>
            </dd>
          </dl>
          <footer className="certificate__verify">
            {/* Drawn on the server by the qrcode library from the address beside it: no script, no outside request. */}
            <div className="certificate__qr" role="img" aria-label={m["cert.qrLabel"](c.url)} dangerouslySetInnerHTML={{ __html: c.qrSvg }} />
            <div>
              <p>{m["cert.verifyHow"]}</p>
              <p className="certificate__url" data-testid="cert-url">
                {c.url}
              </p>
              <p>
                {m["cert.code"]}
                {m.colon}
                <strong>{c.code}</strong>
              </p>
            </div>
          </footer>
        </div>
      </article>
    </div>
  );
}

/** Prints the page; shown once the page runs scripts (without them, the browser's own Print does the same). */
function PrintButton() {
  const m = useMessages();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="button primary" onClick={() => window.print()}>
      {m["cert.print"]}
    </button>
  );
}

export function ErrorBoundary() {
  const m = useMessages();
  return (
    <section className="error-page">
      <h1>{m["cert.verifyTitle"]}</h1>
      <p>{m["cert.notFound"]}</p>
      <p>
        <Link to="/certificates">{m["cert.verifyOther"]}</Link>
      </p>
    </section>
  );
}
