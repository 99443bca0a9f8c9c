import Link from "next/link";
import { Button, buttonClass } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import type { AuditFilter } from "@/lib/validations/audit";

// Suggestions only: any action name can be typed.
const ACTIONS = [
  "auth.login", "auth.login_failed", "auth.locked", "auth.logout", "access.denied", "account.view", "account.reassign",
  "opportunity.outcome", "opportunity.snooze", "opportunity.reassign", "user.create", "user.access_change", "user.activate",
  "user.deactivate", "user.unlock", "user.password_reset", "user.password_change", "user.reassign_accounts", "team.create",
  "team.rename", "team.delete", "settings.update", "scoring.start", "scoring.cancel", "audit.verify", "audit.export",
];
const ENTITIES = ["User", "Team", "Account", "Opportunity", "Setting", "Job", "ScoringRun", "ProductPair", "Product", "MinedRule", "AuditLog", "Page", "Record", "Email"];

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and exported. */
export function AuditFilters({ filter, users }: { filter: AuditFilter; users: { id: string; name: string }[] }) {
  return (
    <form method="get" action="/admin/audit" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-label="Filter the audit log">
      <div>
        <Label htmlFor="audit-actor">Actor</Label>
        <Select id="audit-actor" name="actor" defaultValue={filter.actor ?? ""}>
          <option value="">Anyone</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="audit-action">Action</Label>
        <Input id="audit-action" name="action" list="audit-actions" defaultValue={filter.action ?? ""} placeholder="e.g. user.create" />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div>
        <Label htmlFor="audit-entity">Entity</Label>
        <Select id="audit-entity" name="entity" defaultValue={filter.entity ?? ""}>
          <option value="">Any</option>
          {[...new Set([...ENTITIES, ...(filter.entity ? [filter.entity] : [])])].map((e) => (
            <option key={e}>{e}</option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="audit-entity-id">Entity id</Label>
        <Input id="audit-entity-id" name="entityId" defaultValue={filter.entityId ?? ""} />
      </div>
      <div>
        <Label htmlFor="audit-from">From (day)</Label>
        <Input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} />
      </div>
      <div>
        <Label htmlFor="audit-to">To (day, inclusive)</Label>
        <Input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} />
      </div>
      <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
        <Button type="submit">Apply filters</Button>
        <Link href="/admin/audit" className={buttonClass("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
