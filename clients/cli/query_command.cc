// The read commands over the read models (QueryService): `consortium list`,
// `body list|view`, `session list|view`, `vote list`, `deliberation
// list|view`, `register list|entry`, `albo list`, `agenda list|watch`,
// `accord list|view`, `function list|view`, `programme list|view`, `needs
// view`, `project list|view` and `entity history`.
//
// Each builds its request like every RPC command (rpc_command.h), plus:
//   --as-of=POSITION       as_of.position: the state at that log position
//   --as-of=RFC3339_TIME   as_of.recorded_at: as recorded at that moment
//   --on=YYYY-MM-DD        as_of.in_force_on: as in force on that day
//   --all                  (lists) follow next_page_token to the last page
// `agenda watch` prints the agenda, then each update until interrupted, or
// until --updates=N updates were printed.
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "clients/cli/rpc_command.h"
#include "concordia/v1/query_service.grpc.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace concordia::cli {
namespace {

using Q = v1::QueryService::Stub;

constexpr char kAsOfHelp[] =
    "\n    [--as-of=POSITION|RFC3339_TIME]  as recorded at a log position or "
    "a moment\n    [--on=YYYY-MM-DD]  as in force on a day";
constexpr char kAllHelp[] = "\n    [--all]  follow the pages to the last one";

// Takes --as-of and --on out of `args` into `as_of`.
absl::Status TakeAsOf(CommandArgs& args, v1::AsOf& as_of) {
  if (auto it = args.flags.find("as-of"); it != args.flags.end()) {
    const std::string text = it->second;
    args.flags.erase(it);
    uint64_t position = 0;
    absl::Time t;
    std::string error;
    if (absl::SimpleAtoi(text, &position)) {
      as_of.set_position(position);
    } else if (absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
      *as_of.mutable_recorded_at() =
          google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(
              absl::ToUnixMicros(t));
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "--as-of: '", text,
          "' is neither a log position nor an RFC 3339 time "
          "(2026-03-02T18:00:00+01:00)"));
    }
  }
  if (auto it = args.flags.find("on"); it != args.flags.end()) {
    absl::CivilDay day;
    // Parsing normalises (30 February is 2 March): a real day only.
    if (!absl::ParseCivilTime(it->second, &day) ||
        absl::FormatCivilTime(day) != it->second) {
      return absl::InvalidArgumentError(
          absl::StrCat("--on: '", it->second, "' is not a date (YYYY-MM-DD)"));
    }
    as_of.mutable_in_force_on()->set_year(static_cast<int>(day.year()));
    as_of.mutable_in_force_on()->set_month(day.month());
    as_of.mutable_in_force_on()->set_day(day.day());
    args.flags.erase(it);
  }
  return absl::OkStatus();
}

int Usage(const std::string& name, const absl::Status& s, Output& output) {
  output.err << "concordia " << name << ": " << s.message()
             << "\nRun 'concordia " << name << " --help' for usage.\n";
  return kExitUsage;
}

// Whether a response is a page (has next_page_token).
template <typename R, typename = void>
struct IsPaged : std::false_type {};
template <typename R>
struct IsPaged<R, std::void_t<decltype(std::declval<R&>().next_page_token())>>
    : std::true_type {};

// Extra flags a command maps into its request before BuildRequest.
using Prepare = std::function<absl::Status(CommandArgs&, google::protobuf::Message&)>;

// A read of QueryService: the request from the flags (as-of, on and, for
// lists, all), one call or one per page, the response printed.
template <typename Request, typename Response>
Command Query(std::string name, std::string summary, std::string example,
              std::vector<std::string> required,
              grpc::Status (Q::*method)(grpc::ClientContext*, const Request&,
                                        Response*),
              Prepare prepare = nullptr, std::string extra_help = "") {
  constexpr bool list = IsPaged<Response>::value;
  Command command;
  command.name = name;
  command.summary = std::move(summary);
  command.usage = RpcUsage(name, *Request::descriptor(), required, example);
  // --as-of and --on replace the as_of record's generic line; the flags
  // this command adds go before the example.
  if (size_t generic = command.usage.find("\n    [--as-of=");
      generic != std::string::npos) {
    command.usage.erase(generic,
                        command.usage.find(']', generic) + 1 - generic);
  }
  const size_t at = command.usage.find("\nExample:");
  command.usage.insert(at, absl::StrCat(extra_help, kAsOfHelp,
                                        list ? kAllHelp : ""));
  command.run = [name, required, method, prepare](
                    const GlobalOptions& global, const CommandArgs& given,
                    Output& output) -> int {
    CommandArgs args = given;
    bool all = false;
    if (list) {
      if (auto it = args.flags.find("all"); it != args.flags.end()) {
        if (it->second != "true" && it->second != "false") {
          return Usage(
              name, absl::InvalidArgumentError("--all: true or false"), output);
        }
        all = it->second == "true";
        args.flags.erase(it);
      }
    }
    Request request;
    v1::AsOf as_of;
    if (absl::Status s = TakeAsOf(args, as_of); !s.ok()) {
      return Usage(name, s, output);
    }
    if (prepare) {
      if (absl::Status s = prepare(args, request); !s.ok()) {
        return Usage(name, s, output);
      }
    }
    if (absl::Status s = BuildRequest(args, required, request); !s.ok()) {
      return Usage(name, s, output);
    }
    if (as_of.ByteSizeLong() > 0) request.mutable_as_of()->MergeFrom(as_of);
    auto client = ConnectClient(global);
    if (!client.ok()) return Usage(name, client.status(), output);
    absl::StatusOr<Response> response = (*client)->Call(method, request);
    if (!response.ok()) return ReportStatus(global, response.status(), output);
    // Following pages: the token pins the first page's position, so the
    // pages together are one consistent list.
    if constexpr (list) {
      while (all && !response->next_page_token().empty()) {
        request.set_page_token(response->next_page_token());
        absl::StatusOr<Response> next = (*client)->Call(method, request);
        if (!next.ok()) return ReportStatus(global, next.status(), output);
        response->MergeFrom(*next);
        response->set_next_page_token(next->next_page_token());
      }
    }
    PrintResponse(global, *response, output);
    return kExitOk;
  };
  return command;
}

// `entity history`: --kind, --consortium and --id name the entity.
absl::Status PrepareEntity(CommandArgs& args, google::protobuf::Message& m) {
  auto& request = static_cast<v1::ListEntityHistoryRequest&>(m);
  v1::EntityRef* entity = request.mutable_entity();
  if (auto it = args.flags.find("kind"); it != args.flags.end()) {
    std::string name = absl::StrCat("ENTITY_KIND_", it->second);
    for (char& c : name) c = c == '-' ? '_' : absl::ascii_toupper(c);
    v1::EntityKind kind;
    if (!v1::EntityKind_Parse(name, &kind)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--kind: '", it->second,
          "' is not consortium|body|session|deliberation|accord"));
    }
    entity->set_kind(kind);
    args.flags.erase(it);
  } else {
    return absl::InvalidArgumentError("--kind is required");
  }
  if (auto it = args.flags.find("consortium"); it != args.flags.end()) {
    entity->set_consortium_id(it->second);
    args.flags.erase(it);
  } else {
    return absl::InvalidArgumentError("--consortium is required");
  }
  if (auto it = args.flags.find("id"); it != args.flags.end()) {
    entity->set_id(it->second);
    args.flags.erase(it);
  }
  return absl::OkStatus();
}

int RunAgendaWatch(const GlobalOptions& global, const CommandArgs& given,
                   Output& output) {
  const std::string name = "agenda watch";
  CommandArgs args = given;
  uint64_t updates = 0;
  if (auto it = args.flags.find("updates"); it != args.flags.end()) {
    if (!absl::SimpleAtoi(it->second, &updates) || updates == 0) {
      return Usage(name,
                   absl::InvalidArgumentError("--updates: a positive number"),
                   output);
    }
    args.flags.erase(it);
  }
  v1::WatchAgendaRequest request;
  if (auto it = args.flags.find("on"); it != args.flags.end()) {
    args.flags["in-force-on"] = it->second;
    args.flags.erase(it);
  }
  if (absl::Status s =
          BuildRequest(args, {"consortium_id", "member_id"}, request);
      !s.ok()) {
    return Usage(name, s, output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return Usage(name, channel.status(), output);
  auto stub = v1::QueryService::NewStub(*channel);
  grpc::ClientContext ctx;  // no deadline: watches until stopped
  if (global.tls_dir.empty() && !global.principal.empty()) {
    ctx.AddMetadata("concordia-principal", global.principal);
  }
  auto reader = stub->WatchAgenda(&ctx, request);
  v1::WatchAgendaResponse update;
  uint64_t seen = 0;
  while (reader->Read(&update)) {
    if (global.json) {
      std::string json;
      google::protobuf::util::JsonPrintOptions options;
      options.preserve_proto_field_names = true;
      (void)google::protobuf::util::MessageToJsonString(update, &json, options);
      output.out << json << std::endl;  // one document a line
    } else {
      output.out << "-- agenda of " << request.member_id() << " at position "
                 << update.header().log_position() << "\n";
      PrintReadable(update, output.out);
      output.out << std::flush;
    }
    if (++seen == updates) {
      ctx.TryCancel();
      reader->Finish().IgnoreError();
      return kExitOk;
    }
  }
  grpc::Status s = reader->Finish();
  if (!s.ok()) return ReportError(global, s, output);
  return kExitOk;
}

}  // namespace

std::vector<Command> QueryCommands() {
  std::vector<Command> c;
  c.push_back(Query(
      "consortium list",
      "List the consortia you may read, from the read models.",
      "concordia consortium list --on=2026-03-01 --all", {},
      &Q::ListConsortia));
  c.push_back(Query(
      "consortium view",
      "Show a consortium from the read models: statutes, members, shares "
      "(in force on --on).",
      "concordia consortium view --consortium=sudestmilano --on=2026-03-01",
      {"consortium_id"}, &Q::GetConsortiumView));
  c.push_back(Query("body list", "List a consortium's bodies.",
                    "concordia body list --consortium=sudestmilano",
                    {"consortium_id"}, &Q::ListBodies));
  c.push_back(Query(
      "body view",
      "Show a body with its designations and its composition on --on.",
      "concordia body view --consortium=sudestmilano --body=assemblea "
      "--on=2026-03-01",
      {"consortium_id", "body_id"}, &Q::GetBodyView));
  c.push_back(Query(
      "session list", "List the sessions of a consortium (or of --body).",
      "concordia session list --consortium=sudestmilano --body=assemblea "
      "--page-size=20 --all",
      {"consortium_id"}, &Q::ListSessions));
  c.push_back(Query(
      "session view",
      "Show a session with its items, roll call and delegates (read model).",
      "concordia session view --consortium=sudestmilano --session=s-1 "
      "--as-of=120",
      {"consortium_id", "session_id"}, &Q::GetSessionView));
  c.push_back(Query(
      "vote list",
      "List the votes of a session (or of --item), in the order cast.",
      "concordia vote list --consortium=sudestmilano --session=s-1 --item=1",
      {"consortium_id", "session_id"}, &Q::ListVotes));
  c.push_back(Query(
      "deliberation list",
      "List deliberations (by --body, --stage, --executive-only on --on).",
      "concordia deliberation list --consortium=sudestmilano "
      "--stage=executive --all",
      {"consortium_id"}, &Q::ListDeliberations));
  c.push_back(Query(
      "deliberation view",
      "Show a deliberation from the read models (its legal status on --on).",
      "concordia deliberation view --consortium=sudestmilano --proposal=p-1 "
      "--on=2026-03-20",
      {"consortium_id", "proposal_id"}, &Q::GetDeliberationView));
  c.push_back(Query(
      "register list", "List a body's register of deliberations of a year.",
      "concordia register list --consortium=sudestmilano --body=assemblea "
      "--year=2026",
      {"consortium_id", "body_id", "year"}, &Q::ListRegisterEntries));
  c.push_back(Query(
      "register entry", "Show one entry of a body's register.",
      "concordia register entry --consortium=sudestmilano --body=assemblea "
      "--year=2026 --number=1",
      {"consortium_id", "body_id", "year", "number"}, &Q::GetRegisterEntry));
  c.push_back(Query(
      "albo list",
      "List what is published on the albo on --on (default today).",
      "concordia albo list --consortium=sudestmilano --on=2026-03-05",
      {"consortium_id"}, &Q::ListAlboEntries));
  c.push_back(Query(
      "agenda list",
      "List a member's agenda: sessions to attend and items to vote on.",
      "concordia agenda list --consortium=sudestmilano --member=melegnano "
      "--open-only=true",
      {"consortium_id", "member_id"}, &Q::ListAgendaEntries));
  Command watch;
  watch.name = "agenda watch";
  watch.summary =
      "Print a member's agenda, then again each time it changes (until "
      "interrupted).";
  watch.usage = RpcUsage(
      "agenda watch", *v1::WatchAgendaRequest::descriptor(),
      {"consortium_id", "member_id"},
      "concordia agenda watch --consortium=sudestmilano --member=melegnano "
      "--open-only=true --updates=2");
  watch.usage.insert(watch.usage.find("\nExample:"),
                     "\n    [--on=YYYY-MM-DD]  judge the tasks on that day"
                     "\n    [--updates=N]  stop after N updates");
  watch.run = RunAgendaWatch;
  c.push_back(std::move(watch));
  c.push_back(Query(
      "accord list",
      "List accords (by --stage, --party, --in-force-only on --on).",
      "concordia accord list --consortium=sudestmilano --party=melegnano "
      "--in-force-only=true --on=2026-03-01",
      {"consortium_id"}, &Q::ListAccords));
  c.push_back(Query(
      "accord view",
      "Show an accord from the read models (invariant 21 on --on).",
      "concordia accord view --consortium=sudestmilano --accord=conv-sad "
      "--on=2026-03-01",
      {"consortium_id", "accord_id"}, &Q::GetAccordView));
  c.push_back(Query(
      "function list",
      "List the member x function matrix (by --member, --function, "
      "--delegated-only on --on).",
      "concordia function list --consortium=sudestmilano "
      "--delegated-only=true --on=2026-04-15 --all",
      {"consortium_id"}, &Q::ListDelegations));
  c.push_back(Query(
      "function view",
      "Show a member's function from the read models (who exercises it on "
      "--on).",
      "concordia function view --consortium=sudestmilano --member=melegnano "
      "--function=home-care --on=2026-04-15",
      {"consortium_id", "member_id", "function"}, &Q::GetDelegationView));
  c.push_back(Query(
      "programme list",
      "List programmes (by --kind, --stage, --adopted-only on --on).",
      "concordia programme list --consortium=sudestmilano "
      "--kind=purchasing-programme --adopted-only=true --on=2026-03-10",
      {"consortium_id"}, &Q::ListProgrammes));
  c.push_back(Query(
      "programme view",
      "Show a programme from the read models (adopted and its items on "
      "--on).",
      "concordia programme view --consortium=sudestmilano "
      "--programme=ptas-2027 --on=2026-03-10",
      {"consortium_id", "programme_id"}, &Q::GetProgrammeView));
  c.push_back(Query(
      "needs view",
      "Show the members' needs of a year: demand, tenders, purchases (open "
      "on --on).",
      "concordia needs view --consortium=sudestmilano --year=2027 "
      "--member=melegnano --on=2026-10-31",
      {"consortium_id", "year"}, &Q::GetNeedsView));
  c.push_back(Query(
      "project list",
      "List funded projects (--running-only, --overdue-only on --on).",
      "concordia project list --consortium=sudestmilano "
      "--overdue-only=true --on=2026-10-15",
      {"consortium_id"}, &Q::ListProjects));
  c.push_back(Query(
      "project view",
      "Show a funded project from the read models (its reports' status on "
      "--on).",
      "concordia project view --consortium=sudestmilano --project=pnrr-1-1 "
      "--on=2026-10-15",
      {"consortium_id", "project_id"}, &Q::GetProjectView));
  c.push_back(Query(
      "entity history",
      "List the events that changed an entity (a session's votes too), "
      "oldest first.",
      "concordia entity history --kind=deliberation "
      "--consortium=sudestmilano --id=p-1 --all",
      {}, &Q::ListEntityHistory, PrepareEntity,
      "\n    --kind=consortium|body|session|deliberation|accord "
      "--consortium=ID [--id=ID]"));
  return c;
}

}  // namespace concordia::cli
