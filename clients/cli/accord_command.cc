// `concordia accord ...`: accordi di programma and convenzioni — drafting,
// approvals, signatures, publication, amendments, renewals, dissolution,
// withdrawals, adherents (AccordService).
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/accord_service.grpc.pb.h"

namespace concordia::cli {

std::vector<Command> AccordCommands() {
  using S = v1::AccordService::Stub;
  const std::string a = "--consortium=sudestmilano --accord=adp-pdz-2025 ";
  return {
      MakeRpcCommand(
          "accord draft",
          "Draft an accord with its parties, object and term.",
          "concordia accord draft --file=adp-pdz-2025.json\n"
          "  (a DraftAccordRequest: consortium_id, accord_id, kind, title, "
          "object, parties, term)",
          {"consortium_id", "accord_id", "kind", "title", "object", "parties",
           "term"},
          &S::DraftAccord),
      MakeRpcCommand(
          "accord approve",
          "Record a party's approval of the accord by its own act.",
          "concordia accord approve " + a +
              "--party=melegnano --act=@giunta-melegnano.json",
          {"consortium_id", "accord_id", "party_id", "act"},
          &S::RecordPartyApproval),
      MakeRpcCommand(
          "accord sign", "Record a party's digital signature of the accord.",
          "concordia --as=sindaco@melegnano accord sign " + a +
              "--party=melegnano --signature=@signature.json",
          {"consortium_id", "accord_id", "party_id", "signature"},
          &S::SignAccord),
      MakeRpcCommand(
          "accord approval-act",
          "Record the act approving the signed accord (e.g. the decree).",
          "concordia accord approval-act " + a + "--act=@decreto.json",
          {"consortium_id", "accord_id", "act"}, &S::RecordApprovalAct),
      MakeRpcCommand(
          "accord publish",
          "Record the accord's publication in the regional bulletin (BURL).",
          "concordia accord publish " + a +
              "--bulletin=BURL --issue='Serie Ordinaria n. 12' "
              "--published-on=2025-03-20",
          {"consortium_id", "accord_id", "bulletin", "issue", "published_on"},
          &S::RecordBulletinPublication),
      MakeRpcCommand(
          "accord amend", "Propose an amendment (approved and signed again).",
          "concordia accord amend " + a + "--summary='Art. 5: budget 2026'",
          {"consortium_id", "accord_id", "summary"}, &S::ProposeAmendment),
      MakeRpcCommand(
          "accord renew", "Propose an explicit renewal to a new end date.",
          "concordia accord renew " + a +
              "--summary='Rinnovo triennale' --new-ends-on=2030-12-31",
          {"consortium_id", "accord_id", "summary", "new_ends_on"},
          &S::ProposeRenewal),
      MakeRpcCommand(
          "accord dissolve", "Propose the accord's dissolution on a date.",
          "concordia accord dissolve " + a +
              "--summary='Scioglimento consensuale' --dissolves-on=2027-12-31",
          {"consortium_id", "accord_id", "summary", "dissolves_on"},
          &S::ProposeDissolution),
      MakeRpcCommand(
          "accord withdraw", "Notify a party's withdrawal by its act.",
          "concordia accord withdraw " + a +
              "--party=colturano --act=@consiglio-colturano.json "
              "--notified-on=2026-06-30",
          {"consortium_id", "accord_id", "party_id", "act"},
          &S::NotifyWithdrawal),
      MakeRpcCommand(
          "accord non-renewal",
          "Notify a party's refusal of a tacit renewal.",
          "concordia accord non-renewal " + a +
              "--party=colturano --act=@giunta-colturano.json",
          {"consortium_id", "accord_id", "party_id", "act"},
          &S::NotifyNonRenewal),
      MakeRpcCommand(
          "accord adhere",
          "Record a third-sector body adhering to the accord.",
          "concordia accord adhere " + a +
              "--adherent=@coop.json --signature=@signature.json "
              "--tavolo-body=tavolo-aderenti --representative=presidente@coop",
          {"consortium_id", "accord_id", "adherent", "signature",
           "tavolo_body_id", "representative"},
          &S::JoinAdherent),
      MakeRpcCommand(
          "accord show",
          "Show an accord: stage, approvals, signatures, who is missing, in "
          "force on a date.",
          "concordia accord show " + a + "--on=2026-01-01",
          {"consortium_id", "accord_id"}, &S::GetAccord),
  };
}

}  // namespace concordia::cli
