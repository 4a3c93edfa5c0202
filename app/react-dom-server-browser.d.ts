// react-dom ships its web-streams server build under this name, with react-dom/server's API (see app/entry.server.tsx).
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
