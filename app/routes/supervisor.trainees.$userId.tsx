import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { requestLang } from "~/i18n/lang.server";
import { useMessages } from "~/i18n/use-messages";
import { canSeeTrainee } from "~/models/scope.server";
import { traineeRecord } from "~/models/trainee-record.server";
import { getUserById } from "~/models/users.server";
import { TraineeRecordView } from "~/components/trainee-record";
import { now } from "~/utils/clock.server";
import { pageTitle } from "~/utils/meta";
import { forbidden, notFound } from "~/utils/params.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, (m) => m["dash.traineeTitle"](args.data?.record.name ?? ""));

/**
 * One trainee's record. Supervisors see anyone; trainers the trainees of the teams they train (the trainer's own
 * page, trainer.trainees.$userId, is this loader with a way back to the trainer's page). A deactivated trainee's
 * record stays here to open.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "view:team-progress");
  const trainee = params.userId ? await getUserById(params.userId) : null;
  if (!trainee || trainee.role !== "trainee") notFound();
  if (!(await canSeeTrainee(viewer, trainee.id))) forbidden();
  return { record: await traineeRecord(trainee, requestLang(request), now()) };
}

export default function SupervisorTraineeRecord() {
  const { record } = useLoaderData<typeof loader>();
  const m = useMessages();
  return <TraineeRecordView record={record} back={{ href: "/supervisor", label: m["dash.title"] }} />;
}
