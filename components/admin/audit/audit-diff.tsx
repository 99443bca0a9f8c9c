// Before/after of an audit row: one line per field, changed fields marked; other details as they are.
const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

export function AuditDiff({ details }: { details: unknown }) {
  if (!isObject(details)) return details == null ? <p className="text-xs text-slate-600 dark:text-slate-400">No details.</p> : <pre className="text-xs">{show(details)}</pre>;
  const { before, after, ...rest } = details;
  const hasDiff = isObject(before) || isObject(after);
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return (
    <div className="space-y-2">
      {hasDiff ? (
        <table className="text-xs">
          <caption className="sr-only">Before and after</caption>
          <thead>
            <tr className="text-left text-slate-600 dark:text-slate-400">
              <th scope="col" className="pr-4 font-medium">Field</th>
              <th scope="col" className="pr-4 font-medium">Before</th>
              <th scope="col" className="font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const changed = JSON.stringify(b[k]) !== JSON.stringify(a[k]);
              return (
                <tr key={k} data-changed={changed || undefined}>
                  <th scope="row" className="pr-4 text-left font-mono font-normal">{k}</th>
                  <td className={changed ? "pr-4 font-mono text-red-800 line-through dark:text-red-300" : "pr-4 font-mono"}>{show(b[k])}</td>
                  <td className={changed ? "font-mono font-semibold text-emerald-800 dark:text-emerald-300" : "font-mono"}>{show(a[k])}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {Object.keys(rest).length ? <pre className="whitespace-pre-wrap break-all text-xs">{JSON.stringify(rest, null, 2)}</pre> : null}
    </div>
  );
}
