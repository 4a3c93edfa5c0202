import { assign, setup } from "xstate";

/**
 * The reply box in the browser: what the trainee is typing, whether it can be sent, and the wait for the server.
 * It decides nothing about the role-play itself (that machine runs only on the server); it keeps a reply from
 * being sent twice and says why a reply cannot be sent.
 */
export const MAX_REPLY_CHARS = 2000;

export const replyBoxMachine = setup({
  types: {
    context: {} as { draft: string; problem: "empty" | "too-long" | null },
    input: {} as { draft?: string } | undefined,
    events: {} as { type: "draft.change"; text: string } | { type: "reply.submit" } | { type: "server.answered" } | { type: "server.failed" },
  },
  guards: {
    isEmpty: ({ context }) => context.draft.trim().length === 0,
    isTooLong: ({ context }) => context.draft.length > MAX_REPLY_CHARS,
  },
  actions: {
    setDraft: assign(({ event }) => (event.type === "draft.change" ? { draft: event.text, problem: null } : {})),
    flagEmpty: assign({ problem: "empty" as const }),
    flagTooLong: assign({ problem: "too-long" as const }),
    clearDraft: assign({ draft: "", problem: null }),
  },
}).createMachine({
  id: "replyBox",
  // A reply the server refused (e.g. without JavaScript) comes back as the starting draft, so nothing typed is lost.
  context: ({ input }) => ({ draft: input?.draft ?? "", problem: null }),
  initial: "editing",
  states: {
    editing: {
      on: {
        "draft.change": { actions: "setDraft" },
        "reply.submit": [{ guard: "isEmpty", actions: "flagEmpty" }, { guard: "isTooLong", actions: "flagTooLong" }, { target: "sending" }],
      },
    },
    sending: {
      on: {
        "server.answered": { target: "editing", actions: "clearDraft" },
        "server.failed": { target: "editing" },
      },
    },
  },
});
