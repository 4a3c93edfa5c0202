import { useLoaderData } from "@remix-run/react";
import { useMessages } from "~/i18n/use-messages";
import { TraineeRecordView } from "~/components/trainee-record";
import type { loader } from "./supervisor.trainees.$userId";

// The supervisor's record of one trainee, reached from the trainer's team table: the same loader (permission and
// team checked there), with the way back to the trainer's page.
export { loader, meta } from "./supervisor.trainees.$userId";

export default function TrainerTraineeRecord() {
  const { record } = useLoaderData<typeof loader>();
  const m = useMessages();
  return <TraineeRecordView record={record} back={{ href: "/trainer", label: m["trainer.title"] }} />;
}
