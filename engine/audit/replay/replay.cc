#include "engine/audit/replay/replay.h"

#include <functional>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "engine/calendar/calendar.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/core/dates.h"
#include "engine/domain/core/event_envelope.h"
#include "engine/domain/deliberation/deliberation.h"
#include "engine/domain/session/session.h"

namespace concordia::audit {
namespace {

using google::protobuf::Message;

std::string Day(absl::CivilDay d) { return absl::FormatCivilTime(d); }
std::string Day(const v1::Date& d) { return Day(domain::DayOf(d)); }

// Folds the records into a kind's state and describes it on a date.
class Describer {
 public:
  virtual ~Describer() = default;
  virtual absl::Status Apply(const Message& event, const log::Record& r) = 0;
  virtual std::vector<std::string> Describe(absl::CivilDay on) const = 0;
};

class DeliberationDescriber final : public Describer {
 public:
  absl::Status Apply(const Message& e, const log::Record& r) override {
    return domain::deliberation::ApplyDeliberationEvent(s_, e, r);
  }
  std::vector<std::string> Describe(absl::CivilDay on) const override {
    std::vector<std::string> out;
    if (!s_.exists) return {"no proposal recorded"};
    const v1::ProposalDrafted& p = s_.proposal;
    out.push_back(absl::StrCat("proposal ", p.proposal_id(), " \"", p.title(),
                               "\" for ", p.body_id()));
    for (const auto* o : {&s_.technical, &s_.accounting}) {
      if (!o->has_value()) continue;
      out.push_back(absl::StrCat(
          (*o)->kind() == v1::OPINION_KIND_TECHNICAL ? "technical"
                                                      : "accounting",
          " opinion: ", (*o)->favourable() ? "favourable" : "NEGATIVE",
          " by ", (*o)->given_by()));
    }
    if (s_.adoption.has_value()) {
      out.push_back(absl::StrCat("adopted as no. ", s_.adoption->number(), "/",
                                 s_.adoption->year(), " on ",
                                 Day(s_.adoption->adopted_on()), " (session ",
                                 s_.adoption->session_id(), ")"));
    } else if (s_.rejected) {
      out.push_back("rejected");
    } else {
      out.push_back("not decided");
    }
    if (s_.publication.has_value()) {
      out.push_back(absl::StrCat(
          "on the albo from ", Day(s_.publication->first_day()), " to ",
          Day(s_.AlboLastDay()),
          s_.interrupted_days > 0
              ? absl::StrCat(" (", s_.interrupted_days, " day(s) interrupted)")
              : "",
          s_.OnAlboOn(on) ? "; published on " : "; not on the albo on ",
          Day(on)));
    }
    if (s_.ExecutiveOn(on)) {
      out.push_back(absl::StrCat("in force on ", Day(on), ": executive since ",
                                 Day(*s_.executive_on)));
    } else if (s_.executive_on.has_value() && *s_.executive_on > on) {
      out.push_back(absl::StrCat("not yet executive on ", Day(on),
                                 " (executive from ", Day(*s_.executive_on),
                                 ")"));
    } else if (!s_.withdrawal.has_value()) {
      out.push_back(absl::StrCat("not executive on ", Day(on)));
    }
    if (s_.withdrawal.has_value()) {
      out.push_back(absl::StrCat(
          s_.withdrawal->annulment() ? "annulled" : "revoked", " by ",
          s_.withdrawal->by_proposal_id(), " from ",
          Day(s_.withdrawal->effective_from())));
    }
    return out;
  }

 private:
  domain::deliberation::DeliberationState s_;
};

class ConsortiumDescriber final : public Describer {
 public:
  absl::Status Apply(const Message& e, const log::Record& r) override {
    return domain::consortium::ApplyConsortiumEvent(s_, e, r);
  }
  std::vector<std::string> Describe(absl::CivilDay on) const override {
    if (!s_.registered) return {"no consortium registered"};
    std::vector<std::string> out;
    out.push_back(absl::StrCat(s_.profile.name(), " (",
                               v1::LegalForm_Name(s_.profile.legal_form()),
                               "), seat ", s_.profile.seat_comune()));
    const v1::Statute* statute = s_.StatuteAt(on);
    int version = 0;
    for (size_t i = 0; i < s_.statutes.size(); ++i) {
      if (&s_.statutes[i].statute() == statute) version = i + 1;
    }
    out.push_back(statute == nullptr
                      ? absl::StrCat("no statute in force on ", Day(on))
                      : absl::StrCat("statute version ", version,
                                     " in force on ", Day(on)));
    const std::map<std::string, int32_t> shares = s_.SharesAt(on);
    out.push_back(absl::StrCat(s_.MembersOn(on).size(), " member(s) on ",
                               Day(on), ":"));
    for (const std::string& m : s_.MembersOn(on)) {
      auto it = shares.find(m);
      out.push_back(absl::StrCat(
          "  ", m, "  ", it == shares.end() ? 0 : it->second, "‰"));
    }
    for (const auto& [id, body] : s_.bodies) {
      std::vector<std::string> seated;
      for (const auto& d : s_.designations) {
        if (d.body_id == id && d.ActiveOn(on)) {
          seated.push_back(d.member_id.empty()
                               ? absl::StrCat(d.person, " (non-voting)")
                               : absl::StrCat(d.person, " for ", d.member_id));
        }
      }
      out.push_back(absl::StrCat("body ", id, " (", body.name(), "): ",
                                 seated.empty() ? "nobody designated"
                                                : absl::StrJoin(seated, ", ")));
    }
    return out;
  }

 private:
  domain::consortium::ConsortiumState s_;
};

class SessionDescriber final : public Describer {
 public:
  absl::Status Apply(const Message& e, const log::Record& r) override {
    return domain::session::ApplySessionEvent(s_, e, r);
  }
  std::vector<std::string> Describe(absl::CivilDay) const override {
    if (!s_.convened) return {"no session convened"};
    std::vector<std::string> out;
    out.push_back(absl::StrCat(
        "session ", s_.convocation.session_id(), " of ", s_.body_id(), " on ",
        absl::FormatTime("%Y-%m-%d %H:%M", s_.time(), calendar::Rome()),
        s_.closed ? " (closed)" : ""));
    out.push_back(absl::StrCat(s_.present.size(), " member(s) present: ",
                               absl::StrJoin(s_.present, ", ")));
    for (const auto& [n, item] : s_.items) {
      std::string line =
          absl::StrCat("item ", n, " (", item.proposal_id(), "): ");
      if (auto p = s_.proclaimed.find(n); p != s_.proclaimed.end()) {
        const v1::Tally& t = p->second.tally();
        absl::StrAppend(&line, p->second.adopted() ? "adopted" : "rejected",
                        ", ", t.in_favour_shares(), "‰ in favour, ",
                        t.against_shares(), "‰ against, of ", t.base_shares(),
                        "‰ counted");
      } else if (s_.deferred.count(n) > 0) {
        absl::StrAppend(&line, "deferred");
      } else {
        absl::StrAppend(&line, "not proclaimed");
      }
      out.push_back(line);
    }
    return out;
  }

 private:
  domain::session::SessionState s_;
};

class AccordDescriber final : public Describer {
 public:
  absl::Status Apply(const Message& e, const log::Record& r) override {
    return domain::accord::ApplyAccordEvent(s_, e, r);
  }
  std::vector<std::string> Describe(absl::CivilDay on) const override {
    if (!s_.exists) return {"no accord drafted"};
    std::vector<std::string> out;
    out.push_back(absl::StrCat(
        "accord ", s_.draft.accord_id(), " \"", s_.draft.title(), "\" (",
        v1::AccordKind_Name(s_.draft.kind()), "): ",
        domain::accord::StageName(s_.stage())));
    const std::vector<std::string> required = s_.RequiredPartiesOn(on);
    const std::vector<std::string> missing = s_.MissingSignatures(0, on);
    auto it = s_.instruments.find(0);
    const size_t approved =
        it == s_.instruments.end() ? 0 : it->second.approvals.size();
    out.push_back(absl::StrCat(required.size(), " public part(y/ies) bound on ",
                               Day(on), "; ", approved, " approval(s), ",
                               required.size() - missing.size(),
                               " signature(s) of the required ones",
                               missing.empty() ? ""
                                               : absl::StrCat("; missing: ",
                                                              absl::StrJoin(missing, ", "))));
    for (const auto& [id, party] : s_.parties) {
      if (party.withdrawn_from.has_value()) {
        out.push_back(absl::StrCat("  ", id, " withdrawn from ",
                                   Day(*party.withdrawn_from)));
      } else if (party.withdrawal_notice.has_value()) {
        out.push_back(absl::StrCat("  ", id, " gave notice of withdrawal"));
      }
    }
    out.push_back(s_.InForceOn(on)
                      ? absl::StrCat("in force on ", Day(on), " (since ",
                                     Day(*s_.in_force_from), ")")
                      : absl::StrCat("not in force on ", Day(on)));
    return out;
  }

 private:
  domain::accord::AccordState s_;
};

// Any other stream: its events, without a domain fold.
class EventCountDescriber final : public Describer {
 public:
  absl::Status Apply(const Message&, const log::Record&) override {
    ++events_;
    return absl::OkStatus();
  }
  std::vector<std::string> Describe(absl::CivilDay) const override {
    return {absl::StrCat(events_, " event(s)")};
  }

 private:
  int events_ = 0;
};

std::unique_ptr<Describer> DescriberFor(absl::string_view kind) {
  if (kind == "deliberation") return std::make_unique<DeliberationDescriber>();
  if (kind == "consortium") return std::make_unique<ConsortiumDescriber>();
  if (kind == "session") return std::make_unique<SessionDescriber>();
  if (kind == "accord") return std::make_unique<AccordDescriber>();
  return std::make_unique<EventCountDescriber>();
}

}  // namespace

std::string EntityKind(absl::string_view stream) {
  std::vector<absl::string_view> parts = absl::StrSplit(stream, '/');
  return parts.size() >= 2 ? std::string(parts[1]) : "";
}

absl::StatusOr<ReplayResult> ReplayHistory(const VerifiedHistory& history,
                                           const ReplayPoint& point) {
  ReplayResult result;
  if (!history.records.empty()) result.subject = history.records[0].stream;
  result.kind = EntityKind(result.subject);
  std::unique_ptr<Describer> describer = DescriberFor(result.kind);
  absl::CivilDay last_effective(1970, 1, 1);
  for (const log::Record& r : history.records) {
    if (point.recorded_position > 0 && r.position > point.recorded_position) {
      break;
    }
    if (r.recorded_at > point.recorded_until) break;
    absl::StatusOr<std::unique_ptr<Message>> event = domain::UnpackEvent(r);
    if (!event.ok()) {
      return absl::DataLossError(absl::StrCat(
          "position ", r.position, ": not a domain event (",
          event.status().message(), ")"));
    }
    if (absl::Status s = describer->Apply(**event, r); !s.ok()) {
      return absl::DataLossError(absl::StrCat(
          "position ", r.position, ": inconsistent history (", s.message(),
          ")"));
    }
    result.used.push_back(&r);
    result.reflects_position = r.position;
    last_effective =
        std::max(last_effective, calendar::RomeDay(r.metadata.effective_time));
  }
  result.read_on = point.in_force_on.value_or(last_effective);
  result.state = describer->Describe(result.read_on);
  return result;
}

}  // namespace concordia::audit
