import type { ReactNode } from "react";

/** A table that scrolls sideways on a phone (focusable, so the keyboard can scroll it too), with column headers. */
export function Table({ headers, label, children }: { headers: ReactNode[]; label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
