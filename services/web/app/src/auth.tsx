import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useRef, useState } from "preact/hooks";
import { ApiError, session, type Principal } from "./api.js";
import { useT } from "./i18n.js";
import { Alert } from "./components/status.js";

// Sign-in state for the whole app. The key the reader types goes once to POST /auth/session and
// is then dropped: the input is cleared and nothing here keeps it. From then on the HttpOnly
// session cookie, which no script can read, is what the web service recognises.

interface SessionContext {
  /** undefined while the page asks who is signed in. */
  checked: boolean;
  principal?: Principal;
  publicCoalition: boolean;
  /** Why the reader was signed out, if the ledger said so (a revoked key). */
  notice?: "keyRefused";
  signedIn: (principal: Principal) => void;
  signOut: () => Promise<void>;
}

const Context = createContext<SessionContext>({
  checked: false,
  publicCoalition: false,
  signedIn: () => undefined,
  signOut: async () => undefined,
});
export const useSession = () => useContext(Context);

export function SessionProvider(props: { children: ComponentChildren }) {
  const [state, setState] = useState<Omit<SessionContext, "signedIn" | "signOut">>({
    checked: false,
    publicCoalition: false,
  });
  useEffect(() => {
    session.current().then(
      (s) => setState({ checked: true, principal: s.principal, publicCoalition: s.publicCoalition }),
      (error: unknown) =>
        setState({
          checked: true,
          publicCoalition: false,
          ...(error instanceof ApiError && error.status === 401 && { notice: "keyRefused" as const }),
        }),
    );
  }, []);
  const signedIn = useCallback((principal: Principal) => setState((s) => ({ ...s, principal, notice: undefined })), []);
  const signOut = useCallback(async () => {
    await session.signOut().catch(() => undefined);
    setState((s) => ({ checked: true, publicCoalition: s.publicCoalition }));
  }, []);
  return <Context.Provider value={{ ...state, signedIn, signOut }}>{props.children}</Context.Provider>;
}

export function SignInForm(props: { onSignedIn: (principal: Principal) => void }) {
  const { t } = useT();
  const { notice } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | undefined>(notice ? t("signIn.refused") : undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const field = input.current!;
    const apiKey = field.value.trim();
    if (!apiKey) {
      setProblem(t("signIn.missing"));
      field.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await session.signIn(apiKey);
      field.value = "";
      props.onSignedIn(answer.principal!);
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      setProblem(t(status === 401 ? "signIn.refused" : status === 0 ? "status.unreachable" : "signIn.failed"));
      field.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    // Fire and forget: submit shows its own outcome on the form (try/catch/finally above).
    <form
      class="sign-in"
      onSubmit={(event) => void submit(event)}
      method="post"
      action="/auth/session"
      data-testid="sign-in"
    >
      <h1>{t("signIn.title")}</h1>
      <p>{t("signIn.intro")}</p>
      <label for="api-key">{t("signIn.label")}</label>
      <input
        id="api-key"
        ref={input}
        name="apiKey"
        type="password"
        autoComplete="off"
        spellcheck={false}
        aria-describedby="api-key-help"
        aria-invalid={problem ? true : undefined}
        aria-errormessage={problem ? "api-key-problem" : undefined}
      />
      <p id="api-key-help" class="note">
        {t("signIn.help")}
      </p>
      {problem && (
        <Alert id="api-key-problem" testId="sign-in-problem">
          {problem}
        </Alert>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t("signIn.checking") : t("signIn.submit")}
      </button>
    </form>
  );
}
