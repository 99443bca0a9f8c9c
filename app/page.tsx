import { redirect } from "next/navigation";
import { navFor } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";

export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  redirect(navFor(actor.role)[0]?.href ?? "/accounts");
}
