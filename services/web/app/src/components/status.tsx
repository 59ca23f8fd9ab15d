import type { ComponentChildren } from "preact";
import type { ApiError } from "../api.js";
import { useT } from "../i18n.js";

export function Loading() {
  const { t } = useT();
  return (
    <p class="status" role="status" aria-live="polite" data-testid="loading">
      {t("status.loading")}
    </p>
  );
}

export function Empty(props: { message?: string }) {
  const { t } = useT();
  return (
    <p class="status" data-testid="empty">
      {props.message ?? t("status.empty")}
    </p>
  );
}

/**
 * A problem the reader must see, announced by screen readers as it shows (role=alert). `status`
 * and `problem` name it for tests (data-status, data-problem); the text is the reader's language.
 */
export function Alert(props: {
  children: ComponentChildren;
  testId?: string;
  id?: string;
  status?: number | string;
  problem?: string;
}) {
  return (
    <p
      id={props.id}
      class="status status-error"
      role="alert"
      data-testid={props.testId}
      data-status={props.status}
      data-problem={props.problem}
    >
      {props.children}
    </p>
  );
}

/** A refusal in the reader's language; the API's own message is never shown (it is English). */
export function Failure(props: { error: ApiError }) {
  const { t } = useT();
  const { status } = props.error;
  const key =
    status === 401
      ? "status.signedOut"
      : status === 403
        ? "status.forbidden"
        : status === 404
          ? "status.notFound"
          : status === 0
            ? "status.unreachable"
            : status === 503
              ? "status.notReady"
              : "status.failed";
  return (
    <Alert testId="failure" status={status}>
      {t(key)}
    </Alert>
  );
}
