import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Table } from "./table";

describe("a table that becomes cards on a phone", () => {
  it("writes each column's name on its cells and boxes each value", () => {
    const html = renderToStaticMarkup(
      <Table label="任务" headers={["任务内容", "截止日期", "操作"]}>
        {[1, 2].map((n) => (
          <tr key={n}>
            <th scope="row">任务{n}</th>
            <td>2026/12/0{n}</td>
            <td>
              <a href="/x">提醒</a>
            </td>
          </tr>
        ))}
      </Table>,
    );
    expect(html).toContain('role="region" aria-label="任务"');
    expect(html).toContain(
      '<tr><th scope="row" data-label="任务内容">任务2</th><td data-label="截止日期"><div class="stack-table__value">2026/12/02</div></td>' +
        '<td data-label="操作"><div class="stack-table__value"><a href="/x">提醒</a></div></td></tr>',
    );
  });

  it("counts only the cells there: a column a table leaves out (null) takes no name", () => {
    const withScenario = false;
    const html = renderToStaticMarkup(
      <Table label="演练" headers={["学员", "模式"]}>
        <tr>
          <th scope="row">张明</th>
          {withScenario ? <td>愤怒的业主</td> : null}
          <td>练习</td>
        </tr>
      </Table>,
    );
    expect(html).toContain('<td data-label="模式"><div class="stack-table__value">练习</div></td>');
  });
});
