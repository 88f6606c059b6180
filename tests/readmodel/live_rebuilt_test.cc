// On randomized domain histories made by the real command handlers: the read
// models followed live equal the read models rebuilt from scratch, byte for
// byte; and every as-of answer equals the answer of read models built from
// only the prefix of the log up to that position.
#include <cstdio>
#include <random>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "engine/domain/core/dates.h"
#include "engine/readmodel/keys.h"
#include "engine/readmodel/read_model_projection.h"
#include "engine/readmodel/testing/harness.h"
#include "engine/readmodel/testing/prefix_log.h"
#include "engine/readmodel/testing/random_history.h"
#include "gtest/gtest.h"

namespace concordia::readmodel {
namespace {

using absl::CivilDay;
using domain::testing::District;
using testing::AtPositionInForceOn;
using testing::DumpStore;
using testing::InForceOn;
using testing::PrefixLog;
using testing::RandomHistory;
using testing::ReadModelHarness;

// The history exercised what the read models fold.
void ExpectRichHistory(log::EventLog& log) {
  auto all = log.ReadAll(1, 1 << 20, log::RecordFilter{}, 0, nullptr);
  ASSERT_TRUE(all.ok());
  std::map<std::string, int> types;
  for (const log::Record& r : *all) ++types[r.type];
  std::string summary;
  for (const auto& [t, n] : types) absl::StrAppend(&summary, " ", t, "=", n);
  std::printf("history of %zu events:%s\n", all->size(), summary.c_str());
  for (const char* t :
       {"concordia.v1.SessionConvened", "concordia.v1.AttendanceRecorded",
        "concordia.v1.VoteCast", "concordia.v1.ItemProclaimed",
        "concordia.v1.DeliberationNumberAssigned",
        "concordia.v1.DeliberationAdopted", "concordia.v1.DeliberationRejected",
        "concordia.v1.DeliberationPublished",
        "concordia.v1.DeliberationExecutive", "concordia.v1.SessionClosed",
        "concordia.v1.BodyMemberRevoked",
        // Domain II.
        "concordia.v1.FunctionDelegated", "concordia.v1.ProgrammeDrafted",
        "concordia.v1.ProgrammeAdopted", "concordia.v1.NeedSubmitted",
        "concordia.v1.NeedsAggregated", "concordia.v1.ProjectRegistered",
        "concordia.v1.ExpenseRecorded", "concordia.v1.ReportSubmitted",
        // The agenda's tasks of domain II (random_history_agenda.cc).
        "concordia.v1.NeedsCollectionOpened", "concordia.v1.ReportScheduled"}) {
    EXPECT_GT(types[t], 0) << t << " never happened";
  }
}

class LiveRebuiltTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(LiveRebuiltTest, LiveReadModelsEqualReadModelsRebuiltFromScratch) {
  District d;
  // Small batches while following live, so batch boundaries fall everywhere.
  projection::ProjectionRunnerOptions live_options;
  live_options.batch_records = 7;
  ReadModelHarness live(*d.log.log, d.clock, live_options);
  RandomHistory history(d, GetParam());
  ASSERT_TRUE(history.Run(900).ok());
  EXPECT_GT(history.accepted(), 380) << history.RejectionSummary();
  ExpectRichHistory(*d.log.log);
  if (HasFailure()) ADD_FAILURE() << history.RejectionSummary();
  live.Sync();
  // Rebuilt in bulk chunks (table files ingested into the store).
  projection::ProjectionRunnerOptions bulk;
  bulk.bulk_records = 40;
  bulk.batch_records = 16;
  ReadModelHarness rebuilt(*d.log.log, d.clock, bulk);
  rebuilt.Sync();
  const auto a = DumpStore(live.store(), live.models().projections());
  const auto b = DumpStore(rebuilt.store(), rebuilt.models().projections());
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [slot, entries] : a) {
    ASSERT_EQ(b.count(slot), 1u) << slot;
    EXPECT_GT(entries.size(), 1u) << slot << " is empty";
    EXPECT_TRUE(entries == b.at(slot)) << slot << " differs";
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, LiveRebuiltTest, ::testing::Values(1, 2, 3));

// Every entity of a read model as of `position` in `view`, paged.
std::vector<projection::EntityVersion> AllAsOf(projection::ReadView& view,
                                                uint64_t position) {
  std::vector<projection::EntityVersion> out;
  std::string after;
  while (true) {
    auto page = view.Scan("", position, after, 500);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok() || page->empty()) break;
    for (auto& e : *page) {
      after = e.key;
      out.push_back(std::move(e));
    }
  }
  return out;
}

// The answers of a few queries, serialized, for comparison.
std::vector<std::string> Answers(Queries& q, const std::vector<std::string>& consortia,
                                 const v1::AsOf& as_of) {
  std::vector<std::string> out;
  auto add = [&](const std::string& what, const absl::Status& s,
                 const std::string& bytes, uint64_t position) {
    out.push_back(absl::StrCat(what, " ", s.code(), " ", position, " ",
                               absl::CEscape(bytes)));
  };
  auto pages = [&](const std::string& what, auto list) {
    PageRequest page;
    page.page_size = 7;
    do {
      auto p = list(page);
      if (!p.ok()) {
        add(what, p.status(), "", 0);
        return;
      }
      std::string bytes;
      for (const auto& item : p->items) bytes += Serialize(item);
      add(what, absl::OkStatus(), bytes, p->header.log_position());
      page.page_token = p->next_page_token;
    } while (!page.page_token.empty());
  };
  for (const std::string& c : consortia) {
    auto reg = q.GetConsortium(c, as_of);
    add("consortium " + c, reg.status(), reg.ok() ? Serialize(reg->value) : "",
        reg.ok() ? reg->header.log_position() : 0);
    pages("bodies", [&](const PageRequest& p) { return q.ListBodies(c, as_of, p); });
    pages("deliberations", [&](const PageRequest& p) {
      return q.ListDeliberations(c, {}, as_of, p);
    });
    pages("register", [&](const PageRequest& p) {
      return q.ListRegister(c, "assemblea", 2026, as_of, p);
    });
    pages("albo", [&](const PageRequest& p) { return q.ListAlbo(c, as_of, p); });
    pages("accords", [&](const PageRequest& p) {
      return q.ListAccords(c, AccordFilter(), as_of, p);
    });
    pages("delegations", [&](const PageRequest& p) {
      return q.ListDelegations(c, DelegationFilter(), as_of, p);
    });
    pages("programmes", [&](const PageRequest& p) {
      return q.ListProgrammes(c, ProgrammeFilter(), as_of, p);
    });
    pages("projects", [&](const PageRequest& p) {
      return q.ListProjects(c, ProjectFilter(), as_of, p);
    });
    for (const int year : {2026, 2027, 2028}) {
      auto needs = q.GetNeeds(c, year, "", as_of);
      add(absl::StrCat("needs ", c, " ", year), needs.status(),
          needs.ok() ? Serialize(needs->value) : "",
          needs.ok() ? needs->header.log_position() : 0);
    }
    for (const std::string m :
         {"san-donato-milanese", "colturano", "pistoia", "quarrata"}) {
      pages("agenda " + m, [&](const PageRequest& p) {
        return q.ListAgenda(c, m, {}, as_of, p);
      });
    }
    v1::AsOf recorded = as_of;
    recorded.clear_in_force_on();
    pages("sessions", [&](const PageRequest& p) {
      return q.ListSessions(c, {}, recorded, p);
    });
  }
  return out;
}

TEST(AsOfTest, AsOfAnswersEqualReplayingOnlyThePrefix) {
  District d;
  ReadModelHarness live(*d.log.log, d.clock);
  RandomHistory history(d, 11);
  ASSERT_TRUE(history.Run(500).ok());
  live.Sync();
  const uint64_t last = d.log.log->LastPosition();
  std::mt19937_64 rng(99);
  std::set<uint64_t> positions = {1, 5, last / 2, last - 1, last};
  while (positions.size() < 12) positions.insert(1 + rng() % last);
  const std::vector<CivilDay> days = {CivilDay(2025, 6, 1), CivilDay(2026, 3, 1),
                                      CivilDay(2026, 5, 15),
                                      CivilDay(2027, 1, 1)};
  for (const uint64_t p : positions) {
    SCOPED_TRACE(absl::StrCat("as of position ", p, " of ", last));
    PrefixLog prefix(*d.log.log, p);
    ReadModelHarness replayed(prefix, d.clock);
    replayed.Sync();
    // Entity by entity, byte for byte, with the positions of their versions.
    for (projection::Projection* model : live.models().projections()) {
      auto live_view = live.runner().View(model->name());
      auto prefix_view = replayed.runner().View(model->name());
      ASSERT_TRUE(live_view.ok() && prefix_view.ok());
      EXPECT_EQ((*prefix_view)->position(), p);
      const auto want = AllAsOf(**prefix_view, UINT64_MAX);
      const auto got = AllAsOf(**live_view, p);
      ASSERT_EQ(got.size(), want.size()) << model->name();
      for (size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].key, want[i].key) << model->name();
        EXPECT_EQ(got[i].value, want[i].value) << got[i].key;
        EXPECT_EQ(got[i].position, want[i].position) << got[i].key;
      }
    }
    // And through the queries, in force on several days.
    for (const CivilDay day : days) {
      EXPECT_EQ(Answers(live.queries(), history.consortia(),
                        AtPositionInForceOn(p, day)),
                Answers(replayed.queries(), history.consortia(), InForceOn(day)))
          << "in force on " << day;
    }
  }
}

}  // namespace
}  // namespace concordia::readmodel
