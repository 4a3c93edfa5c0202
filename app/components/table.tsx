import { Children, cloneElement, isValidElement, type ReactNode } from "react";

/**
 * A table with column headers. Wider than its box, it scrolls sideways (focusable, so the keyboard can scroll it
 * too); on a phone (480 px and less) each row becomes a card of lines, each value under its column's name, so no
 * name is squeezed a character a line and no column is pushed off screen. The column names are written on each
 * cell here (`data-label`, shown by the stylesheet), so the rows passed in are plain `<tr>`s of `<th>`/`<td>`s.
 */
export function Table({ headers, label, children, className }: { headers: string[]; label: string; children: ReactNode; className?: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className={className ? `stack-table ${className}` : "stack-table"}>
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{Children.map(children, (row) => labelCells(row, headers))}</tbody>
      </table>
    </div>
  );
}

/**
 * A row with each cell given its column's name (counting the cells actually there: a cell left out is no column),
 * and each data cell's content in one box, so that on a phone the name and the value sit side by side.
 */
function labelCells(row: ReactNode, headers: string[]): ReactNode {
  if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== "tr") return row;
  let column = 0;
  const cells = Children.map(row.props.children, (cell) => {
    if (!isValidElement<{ children?: ReactNode; "data-label"?: string }>(cell)) return cell;
    const label = { "data-label": headers[column++] };
    return cell.type === "td" ? cloneElement(cell, label, <div className="stack-table__value">{cell.props.children}</div>) : cloneElement(cell, label);
  });
  return cloneElement(row, undefined, cells);
}
