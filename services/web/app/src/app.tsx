import { useEffect, useRef } from "preact/hooks";
import { SessionProvider, SignInForm, useSession } from "./auth.js";
import { Loading } from "./components/status.js";
import { LANGUAGES, type Language } from "./format.js";
import { setLanguage, useT } from "./i18n.js";
import { AuditorCheckPage } from "./pages/auditor-check.js";
import { AuditorMoneyPage } from "./pages/auditor-money.js";
import { AuditorReplayPage } from "./pages/auditor-replay.js";
import { FlagDetailPage } from "./pages/flag-detail.js";
import { FlagQueuePage } from "./pages/flag-queue.js";
import { CoalitionPage } from "./pages/coalition.js";
import { DeskPage } from "./pages/desk.js";
import { DeskEntryPage } from "./pages/desk-entry.js";
import { DonorPage } from "./pages/donor.js";
import { StatementPage } from "./pages/statement.js";
import { MyDistributionsPage } from "./pages/my-distributions.js";
import { ReceiptPage, ReceiptsPage } from "./pages/receipt.js";
import type { Role } from "@relief-ledger/domain/browser";
import type { Principal } from "./api.js";
import { fill, Link, match, navigate, usePath, type Route } from "./router.js";

/** A page's link in the header's menu: its label's string key, and the one role it is for (none: everyone). */
interface MenuEntry {
  label: string;
  role?: Role;
}

/**
 * A page, by path. `public` pages show without sign-in when the operator made the coalition view
 * public; a page with a `menu` entry has a link in the header, its `:params` filled from the
 * signed-in principal (the donor's own `:donorId`).
 */
export interface PageRoute extends Route {
  public?: boolean;
  menu?: MenuEntry;
}

/**
 * Every page, by path, each path written only here. A new page (the CBO desk, the auditor console)
 * is one entry here, a component in pages/, and its strings in locales/<language>/<area>.json. The
 * header's menu lists the entries with `menu` in this table's order.
 */
export const ROUTES: PageRoute[] = [
  { path: "/", page: CoalitionPage, public: true },
  { path: "/coalition", page: CoalitionPage, public: true, menu: { label: "nav.coalition" } },
  { path: "/desk", page: DeskPage, menu: { label: "desk.nav", role: "cbo" } },
  { path: "/desk/enter", page: DeskEntryPage },
  { path: "/desk/distributions", page: MyDistributionsPage, menu: { label: "desk.mineNav", role: "cbo" } },
  { path: "/desk/receipts", page: ReceiptsPage },
  { path: "/desk/receipts/:submissionId", page: ReceiptPage },
  { path: "/donors/:donorId", page: DonorPage, menu: { label: "nav.myFunds", role: "donor" } },
  { path: "/donors/:donorId/funds/:fundId", page: DonorPage },
  { path: "/donors/:donorId/statement", page: StatementPage },
  { path: "/audit/flags", page: FlagQueuePage, menu: { label: "auditor.nav.flags", role: "auditor" } },
  { path: "/audit/flags/:flagId", page: FlagDetailPage },
  { path: "/audit", page: AuditorCheckPage, menu: { label: "auditor.nav.check", role: "auditor" } },
  { path: "/audit/replay", page: AuditorReplayPage, menu: { label: "auditor.nav.replay", role: "auditor" } },
  { path: "/audit/money", page: AuditorMoneyPage, menu: { label: "auditor.nav.money", role: "auditor" } },
];

/** The header's links for `principal` (none when signed out), in ROUTES' order. */
function menuFor(principal: Principal | undefined): { href: string; label: string }[] {
  return ROUTES.flatMap(({ path, menu }) => {
    if (!menu || (menu.role !== undefined && menu.role !== principal?.role)) return [];
    const href = fill(path, { ...principal });
    return href === undefined ? [] : [{ href, label: menu.label }];
  });
}

const LANGUAGE_NAMES: Record<Language, string> = { en: "English", hi: "हिन्दी", bn: "বাংলা" };

function Header() {
  const { t, language } = useT();
  const { principal, signOut } = useSession();
  return (
    <header class="site-header">
      <a class="skip-link" href="#content">
        {t("app.skip")}
      </a>
      <div class="brand">
        <Link href="/">{t("app.title")}</Link>
      </div>
      <nav aria-label={t("app.nav")}>
        <ul>
          {menuFor(principal).map(({ href, label }) => (
            <li key={href}>
              <Link href={href}>{t(label)}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="header-tools">
        <label>
          <span class="visually-hidden">{t("app.language")}</span>
          <select
            value={language}
            data-testid="language"
            onChange={(event) => setLanguage((event.target as HTMLSelectElement).value as Language)}
          >
            {LANGUAGES.map((code) => (
              <option value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
        {principal && (
          <button type="button" data-testid="sign-out" onClick={() => void signOut().then(() => navigate("/"))}>
            {t("nav.signOut")}
          </button>
        )}
      </div>
    </header>
  );
}

function Main() {
  const { t } = useT();
  const path = usePath();
  const { checked, principal, publicCoalition, signedIn } = useSession();
  const main = useRef<HTMLElement>(null);
  // A new page moves focus to its content, so screen readers announce it (WCAG 2.4.3).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path, principal]);

  let content;
  const found = ROUTES.map((route) => ({ route, params: match(path, route.path) })).find((r) => r.params);
  if (!checked) content = <Loading />;
  else if (!found) content = <p data-testid="not-found">{t("status.noPage")}</p>;
  else if (!principal && !(found.route.public && publicCoalition)) content = <SignInForm onSignedIn={signedIn} />;
  else {
    const Page = found.route.page;
    content = <Page params={found.params!} />;
  }
  return (
    <main id="content" ref={main} tabIndex={-1}>
      {!principal && checked && publicCoalition && found?.route.public && (
        <details class="public-sign-in">
          <summary>{t("signIn.title")}</summary>
          <SignInForm onSignedIn={signedIn} />
        </details>
      )}
      {content}
    </main>
  );
}

export function App() {
  const { t } = useT();
  return (
    <SessionProvider>
      <Header />
      <Main />
      <footer class="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </SessionProvider>
  );
}
