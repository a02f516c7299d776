export { errorTable, HallnetError } from './errors.js';
export type { ErrorCode, FieldIssue } from './errors.js';
export {
  orgPathSchema,
  isBelow,
  isWithin,
  selfAndAncestors,
  parentOf,
  levelOfPath,
  isDepartmentPath,
  isDistrictCenter,
  staffMayActAt,
} from './org-path.js';
export type { OrgPath } from './org-path.js';
export { PUBLIC_TYPES, docTypeSchema, actorSchema, envelopeSchema, isPublicType } from './envelope.js';
export type { DocType, Actor, Envelope } from './envelope.js';
export { isVisibleTo } from './visibility.js';
export { levelSchema, orgKindSchema, organisationSchema, orgDocId } from './organisation.js';
export type { Level, OrgKind, Organisation } from './organisation.js';
export { isoDateSchema, calendarSchema, calendarDocId } from './calendar.js';
export type { Calendar } from './calendar.js';
export {
  matterTypeSchema,
  materialNecessitySchema,
  materialSpecSchema,
  stageSchema,
  decidedBySchema,
  matterSchema,
  categorySchema,
  matterDocId,
  categoryDocId,
  matterFieldsSchema,
  matterFieldsChecked,
  matterVersionDocId,
  nationalCodeSchema,
  matterFileSchema,
  issuedLicenceSchema,
} from './matter.js';
export { makeUpWorkingDays } from './make-up-days.js';
export type { Matter, MatterFields, MatterFile, MaterialSpec, Category, IssuedLicence } from './matter.js';
export { matterInForce } from './matter-in-force.js';
export { chinaDate } from './china-date.js';
export { reportPeriod, MAX_REPORT_DAYS } from './report-period.js';
export {
  CaseTally,
  caseInPeriod,
  periodBounds,
  rate,
  rounded,
  withinPeriod,
  type CaseInPeriod,
} from './case-tally.js';
export { matterDraftSchema, matterDraftDocId, matterDraftProblems } from './matter-draft.js';
export type { MatterDraftDoc } from './matter-draft.js';
export {
  idTypeSchema,
  applicantSchema,
  caseEventSchema,
  caseDocSchema,
  caseDocId,
  commitmentSchema,
  issuedOnCaseSchema,
} from './case.js';
export type {
  IdType,
  Applicant,
  CaseEvent,
  CaseEventKind,
  CaseDoc,
  UnsignedCaseEvent,
  UnsignedCaseDoc,
  IssuedOnCase,
  Commitment,
} from './case.js';
export { materialLevelSchema, REUSABLE_LEVELS } from './material-level.js';
export type { MaterialLevel } from './material-level.js';
export { libraryUseSchema } from './library-use.js';
export { libraryCaseSchema, rawLibrarySchema } from './raw-library.js';
export type { LibraryCase, RawLibrary } from './raw-library.js';
export type { LibraryUse } from './library-use.js';
export {
  licenceNumberSchema,
  licenceKeySchema,
  licenceTypeSchema,
  licenceDocSchema,
  licenceDocId,
  licenceSealInput,
  licenceHolderDigest,
  licenceLapse,
} from './licence.js';
export type { LicenceDoc, SealedLicence, LicenceLapse } from './licence.js';
export { keyIdSchema, signatureSchema, proofSchema } from './signature.js';
export type { Proof } from './signature.js';
export { caseHeaderOf, eventSigningInput, docProofInput } from './case-signing.js';
export type { CaseHeader } from './case-signing.js';
export { foldCase, applyEvent, isClosed, isAccepted } from './case-state.js';
export { DEFAULT_YELLOW_HOURS, trafficLight, type Light } from './case-light.js';
export type { CaseState, CaseStatus, CaseFlag, StageState, StageTask, AcceptedCase } from './case-state.js';
export { officeProblem, EVENT_AUTHORITY, AFTER_CLOSE, IN_REVIEW, CASE_FLAG_TEXT } from './case-office.js';
export { casePhase } from './case-view/case-phase.js';
export type { CasePhase } from './case-view/case-phase.js';
export { caseNamesOf, namedMaterials } from './case-view/case-names.js';
export type { CaseNames, MatterRef, NamedMaterial } from './case-view/case-names.js';
export { trackedCase, trackedCaseSchema, trackedStepSchema } from './case-view/tracked-case.js';
export type { TrackedCase } from './case-view/tracked-case.js';
export { residentCase, residentCaseSchema, askedSchema } from './case-view/resident-case.js';
export type { ResidentCase, Asked } from './case-view/resident-case.js';
export { residentOwnsCase } from './case-view/resident-owns-case.js';
export type { ResidentClaim } from './case-view/resident-owns-case.js';
export type { CaseFlagCode } from './case-office.js';
export { forwardProblem, mayReturnTo } from './forward-target.js';
export { NOTICE_TEMPLATES, renderNotice } from './notice-templates.js';
export type { NoticeTemplate } from './notice-templates.js';
export {
  amendmentNoticeParams,
  deliveredNotice,
  licenceNoticeParams,
  makeUpNoticeParams,
  noticeNote,
  returnedNoticeParams,
} from './notice-content.js';
export { checkWrite, WRITE_RULES } from './write-rule/write-rules.js';
export type { TypeRule } from './write-rule/write-rules.js';
export { DEFAULT_WRITE_BOUNDS, writeBoundsSchema } from './write-rule/write-bounds.js';
export { ancestryOf, revisionProblem, type Revisions } from './write-rule/revision-rule.js';
export { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';
export type { WriteBounds } from './write-rule/write-bounds.js';
export type { Writer, Held, HeldLeaf, WriteContext, WriteDecision } from './write-rule/write-context.js';
export { sha256Hex } from './write-rule/sha256-hex.js';
export { attachedFileProblem } from './write-rule/material-rule.js';
export { checkCaseRemoval } from './write-rule/case-rule.js';
export { strayField, strayPath } from './write-rule/stray-field.js';
export { mergeCase, compareEvents } from './merge-case.js';
export { canonicalJson } from './canonical-json.js';
export { winnerOf, winningBody, type RevLeaf } from './winning-leaf.js';
export { CleanupStack } from './cleanup-stack.js';
export { validateDoc } from './validate-doc.js';
export type { DocCheck } from './validate-doc.js';
export { residentDocSchema, residentDocId } from './resident.js';
export type { ResidentDoc } from './resident.js';
export { queueSummaryDocSchema, queueSummaryDocId } from './queue-summary.js';
export type { QueueSummaryDoc } from './queue-summary.js';
export {
  bookingDocSchema,
  bookingDocId,
  bookingErasableFrom,
  BOOKING_PERSONAL_DATA_DAYS,
  BOOKING_STATES,
} from './booking.js';
export { bookingNotice, bookingNoticeId, bookingSlotText } from './booking-notice.js';
export { sleepUnlessAborted } from './sleep-unless-aborted.js';
export { staffChangeDocId, staffChangeDocSchema } from './staff-change.js';
export type { StaffChangeDoc } from './staff-change.js';
export type { BookingDoc, BookingState } from './booking.js';
export { residentIdProblem, usccProblem, idNumberProblem, maskIdNumber, maskName } from './id-number.js';
export { checkCharacter, parseQueryCode, queryCodeSchema } from './query-code.js';
export { RateLimiter } from './rate-limiter.js';
export { certSerialSchema, certificateSchema, certificateDocId, isDistrictRootDoc } from './certificate.js';
export type { CertificateDoc } from './certificate.js';
export { revocationDoc, revocationSchema, revocationDocId } from './revocation.js';
export type { RevocationDoc } from './revocation.js';
export { HUB_AUDIENCE } from './hub-audience.js';
export { parseOrThrow, readJson, validationError } from './parse-or-throw.js';
export { jsonString } from './json-string.js';
export { STAFF_ROLES, staffRoleSchema } from './staff-roles.js';
export type { StaffRole } from './staff-roles.js';
export {
  anyone,
  resident,
  signedIn,
  node,
  nodeForResident,
  RESIDENT_TOKEN_HEADER,
  scraper,
  device,
  staff,
  districtStaff,
  residentOrStaff,
  describeAccess,
} from './http/access.js';
export type { Access, AccessWording } from './http/access.js';
export type { AdmitOptions, Caller, CallerShape } from './http/admit-caller.js';
export { jsonBodyLimit, Routes, sizeInChinese } from './http/routes.js';
export type { EndpointSpec, Method, RouteInput, RouteSpec, RoutesOptions } from './http/routes.js';
export { jsonErrorHandler } from './http/json-error-handler.js';
export { requestBodyLimit } from './http/request-body-limit.js';
export type { RequestBodyLimitOptions } from './http/request-body-limit.js';
export type { ErrorLogger } from './http/json-error-handler.js';
export { jwksDocSchema, JWKS_DOC_ID, CITY_JWKS_DOC_ID } from './jwks.js';
export type { JwksDoc } from './jwks.js';
export { CASE_RIGHTS, RIGHTS, rightSchema, ROOT_ONLY_RIGHTS, ROLE_RIGHTS } from './rights.js';
export type { Right } from './rights.js';
export { granteeSchema, grantPayloadSchema, grantDocSchema, grantDocId } from './grant.js';
export type { Grantee, GrantPayload, GrantDoc } from './grant.js';
export { noticeDocSchema } from './notice.js';
export type { NoticeDoc } from './notice.js';
export { MATERIAL_TYPES, materialDocSchema, materialDocPrefix, levelOfMaterial } from './material.js';
export type { MaterialDoc } from './material.js';
export {
  RATING_LEVELS,
  RATING_LEVEL_NAMES,
  ratingLevelSchema,
  ratingChannelSchema,
  ratingSubjectSchema,
  ratingDocSchema,
  followUpDocSchema,
  ratingTypeDocSchema,
  ratingDocId,
  followUpDocId,
  isBadRating,
  isSatisfied,
  caseRatingSubject,
  MIN_RATINGS,
} from './rating.js';
export type { RatingLevel, RatingChannel, RatingSubject, RatingDoc, FollowUpDoc } from './rating.js';
export {
  SUPERVISION_SETTINGS_ID,
  DEFAULT_SUPERVISION_SETTINGS,
  scoreWeightsSchema,
  supervisionSettingsSchema,
  supervisionSettingsDocSchema,
} from './supervision-settings.js';
export type { ScoreWeights, SupervisionSettings, SupervisionSettingsDoc } from './supervision-settings.js';
export {
  REFUSAL_REPORT_PREFIX,
  refusalReportDocId,
  refusalSampleSchema,
  nodeRefusalsSchema,
  refusalReportDocSchema,
  reportDocSchema,
} from './report.js';
export type { NodeRefusals, RefusalReportDoc } from './report.js';
export { REQUEST_SERIES, UNMATCHED_ROUTE, requestLabels } from './request-series.js';
export { requestLogger } from './request-logger.js';
export type { RequestLog } from './request-logger.js';
export { retryDelay } from './retry-delay.js';
export type { RetryDelay } from './retry-delay.js';
