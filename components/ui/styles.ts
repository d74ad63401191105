/** Shared class names of form controls, so every page's buttons and inputs look and focus alike. */
const focus = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2";

export const button = {
  primary: `inline-flex items-center justify-center gap-2 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60 ${focus}`,
  secondary: `inline-flex items-center justify-center gap-2 rounded-md bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 ${focus}`,
  small: `inline-flex items-center justify-center rounded-md bg-white px-2.5 py-1 text-xs font-semibold text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 ${focus}`,
  link: `rounded text-sm font-medium text-indigo-700 underline-offset-2 hover:underline disabled:opacity-60 ${focus}`,
};

export const input = (invalid = false) =>
  `mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:outline-none focus:ring-2 ${
    invalid
      ? "border-red-500 focus:border-red-500 focus:ring-red-500/30"
      : "border-slate-300 focus:border-indigo-500 focus:ring-indigo-500/30"
  }`;

export const label = "block text-sm font-medium text-slate-700";

export const checkbox =
  "h-4 w-4 rounded border-slate-400 text-indigo-600 accent-indigo-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2";
