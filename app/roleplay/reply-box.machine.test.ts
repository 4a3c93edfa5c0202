import { createActor } from "xstate";
import { describe, expect, it } from "vitest";
import { replyBoxMachine } from "./reply-box.machine";

describe("reply box", () => {
  it("refuses to send an empty or over-long reply, and sends a good one once", () => {
    const actor = createActor(replyBoxMachine, { input: {} }).start();
    actor.send({ type: "reply.submit" });
    expect(actor.getSnapshot().context.problem).toBe("empty");
    actor.send({ type: "draft.change", text: "好".repeat(2001) });
    actor.send({ type: "reply.submit" });
    expect(actor.getSnapshot().context.problem).toBe("too-long");
    actor.send({ type: "draft.change", text: "您好" });
    actor.send({ type: "reply.submit" });
    expect(actor.getSnapshot().value).toBe("sending");
    actor.send({ type: "reply.submit" });
    expect(actor.getSnapshot().value).toBe("sending");
    actor.send({ type: "server.answered" });
    expect(actor.getSnapshot()).toMatchObject({ value: "editing", context: { draft: "" } });
  });

  it("keeps the draft when the server fails", () => {
    const actor = createActor(replyBoxMachine, { input: {} }).start();
    actor.send({ type: "draft.change", text: "您好" });
    actor.send({ type: "reply.submit" });
    actor.send({ type: "server.failed" });
    expect(actor.getSnapshot()).toMatchObject({ value: "editing", context: { draft: "您好" } });
  });
});
