// ESLint: Next.js's own rules (core web vitals, React, hooks, accessibility, TypeScript) and the architecture the
// README states, as import rules the tools hold (docs/decisions/0008-lint-holds-the-layers.md):
//   lib/        the framework-free core: imports no next, react, app/, components/, jobs/, bench/ or e2e/
//   db/         the schema and client: imports nothing of lib/ but lib/config/env.ts (a leaf that imports only zod)
//   components/ imports no app/: a server action reaches a component as a prop
//   app/, components/, jobs/, emails/, lib/, db/: import nothing of bench/ or e2e/
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const zone = (target, from, message, except) => ({ target, from, message, ...(except ? { except } : {}) });

/** The layers. Tests may reach across them (an engine test runs the jobs on the core); shipped code may not. */
const layers = ({ tests }) => [
  zone("./lib", "./app", "lib/ is the framework-free core: it imports nothing of app/."),
  zone("./lib", "./components", "lib/ is the framework-free core: it imports nothing of components/."),
  ...(tests
    ? []
    : [
        zone("./lib", "./jobs", "lib/ is the framework-free core: jobs call lib, not the other way round."),
        zone("./lib", "./emails", "lib/ renders no React: the templates are handed to it (emails/send.ts)."),
      ]),
  zone(
    "./db",
    "./lib",
    "db/ imports nothing of lib/ but its configuration.",
    tests ? ["./config/env.ts", "./testing"] : ["./config/env.ts"],
  ),
  zone("./components", "./app", "components/ imports no app/: pass the server action as a prop."),
  ...["./app", "./components", "./jobs", "./emails", "./lib", "./db"].flatMap((target) => [
    zone(target, "./bench", "Nothing that ships imports bench/."),
    zone(target, "./e2e", "Nothing that ships imports e2e/."),
  ]),
];

const config = [
  {
    ignores: [".next/**", "node_modules/**", "data/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "bench/results/**"],
  },
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
    rules: {
      "import/no-restricted-paths": ["error", { zones: layers({ tests: false }) }],
      "no-restricted-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Tests, and the helpers and child processes they run (lib/testing/), may run the jobs and render the emails.
    files: ["**/*.test.ts", "lib/testing/**/*.ts"],
    rules: { "import/no-restricted-paths": ["error", { zones: layers({ tests: true }) }] },
  },
  {
    // Built only for the benchmarks (next.config.ts: pageExtensions), never into a production build.
    files: ["app/**/*.bench.ts"],
    rules: { "import/no-restricted-paths": "off" },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(next|react|react-dom|@react-email/.*|next-auth)(/.*)?$",
              message: "lib/ is the framework-free core: no Next.js or React here.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
