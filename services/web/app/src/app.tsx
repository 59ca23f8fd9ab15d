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
import { Link, match, navigate, usePath, type Route } from "./router.js";

/**
 * Every page, by path. A new page (the CBO desk, the auditor console) is one entry here, a
 * component in pages/, and its strings in locales/<language>/<area>.json. `public` pages show without sign-in
 * when the operator made the coalition view public.
 */
export const ROUTES: (Route & { public?: boolean })[] = [
  { path: "/", page: CoalitionPage, public: true },
  { path: "/coalition", page: CoalitionPage, public: true },
  { path: "/donors/:donorId", page: DonorPage },
  { path: "/donors/:donorId/funds/:fundId", page: DonorPage },
  { path: "/audit", page: AuditorCheckPage },
  { path: "/donors/:donorId/statement", page: StatementPage },
  { path: "/desk", page: DeskPage },
  { path: "/desk/enter", page: DeskEntryPage },
  { path: "/desk/distributions", page: MyDistributionsPage },
  { path: "/desk/receipts", page: ReceiptsPage },
  { path: "/desk/receipts/:submissionId", page: ReceiptPage },
  { path: "/audit/flags", page: FlagQueuePage },
  { path: "/audit/flags/:flagId", page: FlagDetailPage },
  { path: "/audit/replay", page: AuditorReplayPage },
  { path: "/audit/money", page: AuditorMoneyPage },
];

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
          <li>
            <Link href="/coalition">{t("nav.coalition")}</Link>
          </li>
          {principal?.role === "cbo" && (
            <li>
              <Link href="/desk">{t("desk.nav")}</Link>
            </li>
          )}
          {principal?.role === "cbo" && (
            <li>
              <Link href="/desk/distributions">{t("desk.mineNav")}</Link>
            </li>
          )}
          {principal?.role === "donor" && principal.donorId && (
            <li>
              <Link href={`/donors/${encodeURIComponent(principal.donorId)}`}>{t("nav.myFunds")}</Link>
            </li>
          )}
          {principal?.role === "auditor" && (
            <>
              <li>
                <Link href="/audit/flags">{t("auditor.nav.flags")}</Link>
              </li>
              <li>
                <Link href="/audit">{t("auditor.nav.check")}</Link>
              </li>
              <li>
                <Link href="/audit/replay">{t("auditor.nav.replay")}</Link>
              </li>
              <li>
                <Link href="/audit/money">{t("auditor.nav.money")}</Link>
              </li>
            </>
          )}
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
