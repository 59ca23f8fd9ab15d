import type { ComponentType } from "preact";
import { ApiError } from "../api.js";
import { useSession } from "../auth.js";
import { Failure } from "../components/status.js";
import type { RouteProps } from "../router.js";

/**
 * A page only an auditor's key may open. The APIs refuse other keys anyway; this says so at once
 * instead of showing a page whose every action would be refused.
 */
export const auditorOnly =
  (Page: ComponentType<RouteProps>): ComponentType<RouteProps> =>
  (props: RouteProps) => {
    const { principal } = useSession();
    return principal?.role === "auditor" ? <Page {...props} /> : <Failure error={new ApiError(403, "forbidden", "")} />;
  };
