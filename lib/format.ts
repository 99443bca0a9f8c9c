import { format, formatDistanceStrict } from "date-fns";

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const money2 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2 });
const number = new Intl.NumberFormat("en-US");
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

export const formatMoney = (v: number | null | undefined) => (v == null ? "—" : money.format(v));
export const formatMoneyExact = (v: number | null | undefined) => (v == null ? "—" : money2.format(v));
export const formatNumber = (v: number | null | undefined) => (v == null ? "—" : number.format(v));
export const formatPercent = (v: number | null | undefined) => (v == null ? "—" : percent.format(v));

export function formatDate(iso: string | null | undefined): string {
  return iso ? format(new Date(iso), "d MMM yyyy") : "—";
}

export function formatAgo(iso: string | null | undefined, now: Date = new Date()): string {
  return iso ? `${formatDistanceStrict(new Date(iso), now)} ago` : "—";
}
