import "./audit.css";
import type { AuditorDonor } from "../api.js";
import { useT } from "../i18n.js";
import { navigate } from "../router.js";
import { useQuery } from "../use-query.js";

/**
 * Above a donor's dashboard when an auditor reads it: which donor (any, chosen from the list), and
 * that nothing is hidden here, unlike on the donor's own page (decision 0038).
 */
export function AuditorDonorBar(props: { donorId: string }) {
  const { t } = useT();
  const donors = useQuery<{ donors: AuditorDonor[] }>("/v1/donors");
  return (
    <div class="auditor-bar" data-testid="auditor-donor-bar">
      <p>{t("auditor.money.auditorView")}</p>
      {donors.state === "ready" && (
        <label>
          {t("auditor.money.chooseDonor")}
          <select
            data-testid="choose-donor"
            value={props.donorId}
            onChange={(event) => navigate(`/donors/${encodeURIComponent((event.target as HTMLSelectElement).value)}`)}
          >
            {donors.data.donors.map((d) => (
              <option value={d.donorId} key={d.donorId}>
                {d.name ?? d.donorId}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
