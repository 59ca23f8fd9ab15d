import i18next from "i18next";
import { createContext, h, type ComponentChildren } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { LANGUAGES, type Language } from "./format.js";
import { bn, en, hi } from "./locales/index.js";

// One i18next instance; every string on every page comes from locales/<language>/<area>.json (a test
// checks the three languages have the same keys). The chosen language is remembered on this device: it is not a
// secret, unlike the key, which never touches browser storage.

const STORAGE_KEY = "ledger.language";

function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  const preferred = globalThis.navigator?.language?.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(preferred ?? "") ? (preferred as Language) : "en";
}

export const i18n = i18next.createInstance();
void i18n.init({
  resources: { en: { translation: en }, hi: { translation: hi }, bn: { translation: bn } },
  lng: initialLanguage(),
  fallbackLng: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function setLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

const applyToDocument = (language: string) => {
  document.documentElement.lang = language;
  document.title = i18n.t("app.title");
};

const LanguageContext = createContext<Language>(i18n.language as Language);
const t: typeof i18n.t = i18n.t.bind(i18n);

/**
 * Holds the language for every page: one i18next listener, and the document's `lang` and title set
 * once per change. (Each figure used to listen and set them itself: on a donor's dashboard of a
 * thousand cells that was a thousand style recalculations, over a second of the page's start.)
 */
export function LanguageProvider(props: { children: ComponentChildren }) {
  const [language, setCurrent] = useState(i18n.language as Language);
  useEffect(() => {
    const changed = (next: string) => setCurrent(next as Language);
    i18n.on("languageChanged", changed);
    return () => i18n.off("languageChanged", changed);
  }, []);
  useEffect(() => applyToDocument(language), [language]);
  return h(LanguageContext.Provider, { value: language }, props.children);
}

/** The current language and `t`; re-renders the caller when the language changes. */
export function useT(): { t: typeof i18n.t; language: Language } {
  return { t, language: useContext(LanguageContext) };
}
