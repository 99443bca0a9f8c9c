"use client";

import { useEffect, useState } from "react";
import { Search } from "lucide-react";
import { Input, Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";

/** A labelled list filter whose first choice means "no filter". */
export function FilterSelect({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  allLabel: string;
  value: string | undefined;
  options: readonly (string | { value: string; label: string })[];
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => {
          const { value: v, label: l } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </Select>
    </div>
  );
}

/** A search box that reports its text 300 ms after typing stops, not on every keystroke. */
export function SearchFilter({ id, label, placeholder, value, onSearch }: { id: string; label: string; placeholder: string; value: string | undefined; onSearch: (q: string) => void }) {
  const [query, setQuery] = useState(value ?? "");
  useEffect(() => {
    if ((value ?? "") === query.trim()) return;
    const t = setTimeout(() => onSearch(query.trim()), 300);
    return () => clearTimeout(t);
  }, [query, value, onSearch]);
  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <div className="relative">
        <Search aria-hidden className="pointer-events-none absolute left-2.5 top-2.5 h-4 w-4 text-slate-500" />
        <Input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={placeholder} className="pl-8" />
      </div>
    </div>
  );
}
