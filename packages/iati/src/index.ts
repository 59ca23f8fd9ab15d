export {
  iatiActivities,
  rupees,
  type IatiDonor,
  type IatiFund,
  type IatiOrganisation,
  type IatiReport,
} from "./activities.js";
export { iatiDonor, iatiReport, reportingOrgFrom, type IatiView } from "./source.js";
export { DONOR_KIND_ORGANISATION_TYPES, SERVICE_SECTORS, sectorOf } from "./sectors.js";
export { element, escapeAttribute, escapeText, renderXml, type XmlElement, type XmlNode } from "./xml.js";
