// RandomHistory: the consortium's own commands — registration, shares,
// statutes, representatives, admissions, withdrawals, mergers.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/readmodel/testing/random_history.h"

namespace concordia::readmodel::testing {

using domain::consortium::ConsortiumState;

absl::Status RandomHistory::Register(const std::string& id) {
  domain::consortium::RegisterConsortium r;
  r.consortium_id = id;
  r.legal_form = v1::LEGAL_FORM_SOCIETA_DELLA_SALUTE;
  r.name = "Società della Salute della zona pistoiese";
  r.seat_comune = "pistoia";
  r.constituted_on = absl::CivilDay(2010, 8, 6);
  r.statute = domain::testing::DistrictStatute();
  r.founders = {{"ausl-toscana-centro", "Azienda USL Toscana Centro",
                 v1::MEMBER_KIND_AZIENDA_SANITARIA, 334},
                {"pistoia", "Pistoia", v1::MEMBER_KIND_COMUNE, 280},
                {"quarrata", "Quarrata", v1::MEMBER_KIND_COMUNE, 160},
                {"agliana", "Agliana", v1::MEMBER_KIND_COMUNE, 100},
                {"abetone", "Abetone", v1::MEMBER_KIND_COMUNE, 40},
                {"cutigliano", "Cutigliano", v1::MEMBER_KIND_COMUNE, 46},
                {"marliana", "Marliana", v1::MEMBER_KIND_COMUNE, 40}};
  const domain::CommandContext admin = d_.Ctx("admin@concordia");
  CONCORDIA_RETURN_IF_ERROR(d_.governance.RegisterConsortium(admin, r).status());
  CONCORDIA_RETURN_IF_ERROR(
      d_.governance
          .CreateBody(d_.Ctx("admin@concordia"), id,
                      {"assemblea", v1::BODY_KIND_ASSEMBLEA, "Assemblea dei soci"})
          .status());
  for (const auto& f : r.founders) {
    CONCORDIA_RETURN_IF_ERROR(
        d_.governance
            .Designate(d_.Ctx("admin@concordia"), id,
                       {"assemblea", f.member_id,
                        domain::testing::Sindaco(f.member_id), true,
                        r.constituted_on})
            .status());
  }
  state_.push_back({id, {}, {}, {}, {}, {}});
  consortia_.push_back(id);
  return absl::OkStatus();
}

absl::Status RandomHistory::ChangeShares(Consortium& c) {
  const std::string by = ExecutiveDeliberation(c);
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (by.empty() || !cs.ok()) return absl::OkStatus();
  domain::consortium::ChangeShares cmd;
  cmd.effective_from = Today() + Uniform(0, 30);
  cmd.shares = cs->SharesAt(cmd.effective_from);
  std::vector<std::string> members = cs->MembersOn(cmd.effective_from);
  if (members.size() < 2) return absl::OkStatus();
  const std::string from = Pick(members);
  const std::string to = Pick(members);
  const int moved = std::min(cmd.shares[from], Uniform(1, 15));
  cmd.shares[from] -= moved;
  cmd.shares[to] += moved;
  cmd.authorised_by.set_proposal_id(by);
  return d_.governance.ChangeShares(d_.Ctx(), c.id, cmd).status();
}

absl::Status RandomHistory::AdoptStatute(Consortium& c) {
  const std::string by = ExecutiveDeliberation(c);
  if (by.empty()) return absl::OkStatus();
  domain::consortium::AdoptStatute cmd;
  cmd.statute = domain::testing::DistrictStatute();
  cmd.statute.set_publication_days(Uniform(15, 20));
  cmd.statute.set_executivity_days(Uniform(10, 12));
  cmd.effective_from = Today() + Uniform(0, 60);
  cmd.authorised_by.set_proposal_id(by);
  return d_.governance.AdoptStatute(d_.Ctx(), c.id, cmd).status();
}

absl::Status RandomHistory::ChangeRepresentative(Consortium& c) {
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (!cs.ok()) return absl::OkStatus();
  std::vector<const domain::consortium::Designation*> current;
  for (const auto& dsg : cs->designations) {
    if (dsg.voting && !dsg.until.has_value()) current.push_back(&dsg);
  }
  if (current.empty()) return absl::OkStatus();
  const domain::consortium::Designation dsg = *current[rng_() % current.size()];
  const absl::CivilDay from = Today() + Uniform(1, 20);
  CONCORDIA_RETURN_IF_ERROR(
      d_.governance
          .RevokeDesignation(d_.Ctx(), c.id,
                             {dsg.body_id, dsg.member_id, dsg.person, from})
          .status());
  return d_.governance
      .Designate(d_.Ctx(), c.id,
                 {dsg.body_id, dsg.member_id,
                  absl::StrCat("rappresentante", ++next_id_, "@", dsg.member_id),
                  true, from})
      .status();
}

absl::Status RandomHistory::Admit(Consortium& c) {
  const std::string by = ExecutiveDeliberation(c);
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (by.empty() || !cs.ok()) return absl::OkStatus();
  domain::consortium::AdmitMember cmd;
  cmd.member_id = absl::StrCat("comune-", ++next_id_);
  cmd.name = absl::StrCat("Comune ", next_id_);
  cmd.kind = v1::MEMBER_KIND_COMUNE;
  cmd.effective_from = Today() + Uniform(0, 20);
  cmd.shares = cs->SharesAt(cmd.effective_from);
  auto biggest = std::max_element(
      cmd.shares.begin(), cmd.shares.end(),
      [](const auto& a, const auto& b) { return a.second < b.second; });
  if (biggest == cmd.shares.end()) return absl::OkStatus();
  const int given = std::min(biggest->second, Uniform(5, 30));
  biggest->second -= given;
  cmd.shares[cmd.member_id] = given;
  cmd.authorised_by.set_proposal_id(by);
  CONCORDIA_RETURN_IF_ERROR(
      d_.governance.AdmitMember(d_.Ctx(), c.id, cmd).status());
  return d_.governance
      .Designate(d_.Ctx(), c.id,
                 {"assemblea", cmd.member_id,
                  domain::testing::Sindaco(cmd.member_id), true,
                  cmd.effective_from})
      .status();
}

absl::Status RandomHistory::WithdrawMember(Consortium& c) {
  const std::string by = ExecutiveDeliberation(c);
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (by.empty() || !cs.ok()) return absl::OkStatus();
  domain::consortium::WithdrawMember cmd;
  cmd.effective_from = Today() + Uniform(0, 30);
  std::vector<std::string> members = cs->MembersOn(cmd.effective_from);
  if (members.size() < 4) return absl::OkStatus();
  cmd.member_id = Pick(members);
  cmd.shares = cs->SharesAt(cmd.effective_from);
  const int32_t freed = cmd.shares[cmd.member_id];
  cmd.shares.erase(cmd.member_id);
  cmd.shares.begin()->second += freed;
  cmd.authorised_by.set_proposal_id(by);
  return d_.governance.WithdrawMember(d_.Ctx(), c.id, cmd).status();
}

absl::Status RandomHistory::Merge(Consortium& c) {
  absl::StatusOr<ConsortiumState> cs = d_.governance.Consortium(c.id);
  if (!cs.ok() || !Chance(30)) return absl::OkStatus();
  domain::consortium::RecordSuccession cmd;
  cmd.effective_from = Today() + Uniform(0, 30);
  std::vector<std::string> members = cs->MembersOn(cmd.effective_from);
  if (members.size() < 4) return absl::OkStatus();
  std::shuffle(members.begin(), members.end(), rng_);
  cmd.predecessor_ids = {members[0], members[1]};
  cmd.successor_id = absl::StrCat("fusione-", ++next_id_);
  cmd.successor_name = absl::StrCat("Comune unito ", next_id_);
  CONCORDIA_RETURN_IF_ERROR(
      d_.governance.RecordSuccession(d_.Ctx(), c.id, cmd).status());
  return d_.governance
      .Designate(d_.Ctx(), c.id,
                 {"assemblea", cmd.successor_id,
                  domain::testing::Sindaco(cmd.successor_id), true,
                  cmd.effective_from})
      .status();
}

}  // namespace concordia::readmodel::testing
