// The stable reason codes of domain rejections (UPPER_SNAKE, as in
// google.rpc.ErrorInfo.reason). Clients branch on these; never rename one.
// engine/domain/REASONS.md explains each with the rule it enforces.
//
// Thread-safety: constants.
//
// Example:
//   return Rejected(reasons::kQuorumNotReached, "541‰ present, 501‰ needed");
#ifndef CONCORDIA_ENGINE_DOMAIN_CORE_REASONS_H_
#define CONCORDIA_ENGINE_DOMAIN_CORE_REASONS_H_

namespace concordia::domain::reasons {

// Generic.
inline constexpr char kInvalidStateTransition[] = "INVALID_STATE_TRANSITION";
inline constexpr char kAlreadyExists[] = "ALREADY_EXISTS";
inline constexpr char kNotInForce[] = "NOT_IN_FORCE";
// Consortium, statute, members, shares.
inline constexpr char kSharesDoNotSumTo1000[] = "SHARES_DO_NOT_SUM_TO_1000";
inline constexpr char kSharesDoNotCoverMembers[] =
    "SHARES_DO_NOT_COVER_MEMBERS";
inline constexpr char kNotRegistered[] = "CONSORTIUM_NOT_REGISTERED";
inline constexpr char kRetroactiveChange[] = "RETROACTIVE_CHANGE";
inline constexpr char kNotAMember[] = "NOT_A_MEMBER";
inline constexpr char kMemberWithdrawn[] = "MEMBER_WITHDRAWN";
inline constexpr char kStatuteNotInForce[] = "STATUTE_NOT_IN_FORCE";
inline constexpr char kDeliberationNotExecutive[] = "DELIBERATION_NOT_EXECUTIVE";
// Bodies and sessions.
inline constexpr char kNotAMemberOfBody[] = "NOT_A_MEMBER_OF_BODY";
inline constexpr char kNoticePeriodNotRespected[] =
    "NOTICE_PERIOD_NOT_RESPECTED";
inline constexpr char kQuorumNotReached[] = "QUORUM_NOT_REACHED";
inline constexpr char kConflictOfInterest[] = "CONFLICT_OF_INTEREST";
inline constexpr char kAlreadyVoted[] = "ALREADY_VOTED";
inline constexpr char kDelegationOutOfScope[] = "DELEGATION_OUT_OF_SCOPE";
inline constexpr char kSecondCallCannotAddItems[] =
    "SECOND_CALL_CANNOT_ADD_ITEMS";
inline constexpr char kNotOnAgenda[] = "NOT_ON_AGENDA";
inline constexpr char kNotPresent[] = "NOT_PRESENT";
inline constexpr char kSessionClosed[] = "SESSION_CLOSED";
inline constexpr char kSessionNotStarted[] = "SESSION_NOT_STARTED";
// Deliberations.
inline constexpr char kMissingOpinion[] = "MISSING_OPINION";
inline constexpr char kReasonRequired[] = "REASON_REQUIRED";
inline constexpr char kNotPublished[] = "NOT_PUBLISHED";
inline constexpr char kWrongBody[] = "WRONG_BODY";
inline constexpr char kAnnulmentTimeLimitExceeded[] =
    "ANNULMENT_TIME_LIMIT_EXCEEDED";
// Accords, functions, programmes, procurement, projects.
inline constexpr char kMissingSignature[] = "MISSING_SIGNATURE";
inline constexpr char kNotAParty[] = "NOT_A_PARTY";
inline constexpr char kFunctionAlreadyDelegated[] =
    "FUNCTION_ALREADY_DELEGATED";
inline constexpr char kNotInProgramme[] = "NOT_IN_PROGRAMME";
inline constexpr char kQualificationInsufficient[] =
    "QUALIFICATION_INSUFFICIENT";
inline constexpr char kDeadlinePassed[] = "DEADLINE_PASSED";
inline constexpr char kApprovalActRequired[] = "APPROVAL_ACT_REQUIRED";
inline constexpr char kNotRenewable[] = "NOT_RENEWABLE";
inline constexpr char kFunctionNotDelegated[] = "FUNCTION_NOT_DELEGATED";
inline constexpr char kSuccessionConflict[] = "SUCCESSION_CONFLICT";
inline constexpr char kCategoryMismatch[] = "CATEGORY_MISMATCH";
inline constexpr char kBudgetExceeded[] = "BUDGET_EXCEEDED";
inline constexpr char kOutsideProjectPeriod[] = "OUTSIDE_PROJECT_PERIOD";
inline constexpr char kPeriodAlreadyReported[] = "PERIOD_ALREADY_REPORTED";
inline constexpr char kReportingPeriodOpen[] = "REPORTING_PERIOD_OPEN";
inline constexpr char kNothingToAllocate[] = "NOTHING_TO_ALLOCATE";
inline constexpr char kNoSharingMembers[] = "NO_SHARING_MEMBERS";
inline constexpr char kCostRulesDiffer[] = "COST_RULES_DIFFER";
// Workflows of acts (engine/workflow).
inline constexpr char kUnknownActKind[] = "UNKNOWN_ACT_KIND";
inline constexpr char kTransitionNotAllowed[] = "TRANSITION_NOT_ALLOWED";
inline constexpr char kRoleNotAllowed[] = "ROLE_NOT_ALLOWED";

}  // namespace concordia::domain::reasons

#endif  // CONCORDIA_ENGINE_DOMAIN_CORE_REASONS_H_
