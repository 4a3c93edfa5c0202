import { useMessages } from "~/i18n/use-messages";

/** The other party's line in a transcript, as every transcript shows it. */
export function OwnerBubble({ speaker, line }: { speaker: string; line: string }) {
  const m = useMessages();
  return (
    <p className="bubble bubble--owner">
      <strong>
        {speaker}
        {m.colon}
      </strong>
      {line}
    </p>
  );
}
