import { langFromCookieHeader, type Lang } from "./lang";
import { messagesFor, type Messages } from "./messages";

export function requestLang(request: Request): Lang {
  return langFromCookieHeader(request.headers.get("Cookie"));
}

export function requestMessages(request: Request): Messages {
  return messagesFor(requestLang(request));
}
