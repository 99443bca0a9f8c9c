import { SessionKeepAlive } from "@/components/auth/session-keep-alive";
import { Sidebar, type NavItem } from "@/components/shell/sidebar";
import { UserMenu } from "@/components/shell/user-menu";
import { Toaster } from "@/components/ui/toast";
import { navFor } from "@/lib/auth/permissions";
import { getActor } from "@/lib/auth/session";
import { getTeamName } from "@/lib/data/users";

// The shell only decides what to show; every page checks the session and permission itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await getActor();
  // Anonymous: render nothing of the shell; the page itself redirects to the login page with its own callback URL.
  if (!actor) return <>{children}</>;
  const team = await getTeamName(actor);
  const items: NavItem[] = navFor(actor.role).map(({ href, label }) => ({ href, label }));
  return (
    <div className="flex min-h-screen">
      <Sidebar items={items} />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end border-b border-slate-200 bg-white px-4 lg:px-8 dark:border-slate-800 dark:bg-slate-900">
          <UserMenu name={actor.name} email={actor.email} role={actor.role} team={team} />
        </header>
        <main id="main" className="flex-1 px-4 py-6 lg:px-8">
          {children}
        </main>
      </div>
      <Toaster />
      <SessionKeepAlive />
    </div>
  );
}
