// `concordia events ...`: read and follow the decision log.
#include <ostream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/cli/channel.h"
#include "clients/cli/commands.h"
#include "clients/cli/flags.h"
#include "clients/cli/table.h"
#include "concordia/v1/events.grpc.pb.h"
#include "engine/domain/accord/accord.h"
#include "engine/domain/consortium/consortium.h"
#include "engine/domain/delegation/delegation.h"
#include "engine/domain/deliberation/deliberation.h"
#include "engine/domain/programme/needs.h"
#include "engine/domain/programme/procurement.h"
#include "engine/domain/programme/programme.h"
#include "engine/domain/project/project.h"
#include "engine/domain/session/session.h"

namespace concordia::cli {
namespace {

std::string When(const google::protobuf::Timestamp& t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S",
                          absl::FromUnixSeconds(t.seconds()),
                          absl::LocalTimeZone());
}

void AddEventRow(Table& table, const v1::Event& e) {
  table.AddRow({absl::StrCat(e.position()), e.stream(),
                absl::StrCat(e.stream_version()), e.type(), e.principal(),
                When(e.recorded_at()), When(e.effective_time())});
}

Table EventTable() {
  return Table({"POSITION", "STREAM", "VERSION", "TYPE", "PRINCIPAL",
                "RECORDED", "EFFECTIVE"});
}

int RunEventsList(const GlobalOptions& global, const CommandArgs& args,
                  Output& output) {
  FlagReader f(args);
  const std::string consortium = f.Required("consortium");
  const uint64_t from = f.Uint("from", 1);
  const std::string prefix = f.Optional("stream-prefix");
  const std::vector<std::string> types = f.List("type");
  const uint64_t limit = f.Uint("limit", 100);
  const uint64_t as_of = f.Uint("as-of", 0);
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "events list", output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), "events list", output);
  auto stub = v1::EventService::NewStub(*channel);
  Table table = EventTable();
  std::string page_token;
  uint64_t shown = 0, reflected = 0;
  bool done = false;
  do {
    v1::ListEventsRequest req;
    req.set_consortium_id(consortium);
    req.set_from_position(from);
    req.set_stream_prefix(prefix);
    for (const auto& t : types) req.add_event_types(t);
    req.set_page_size(
        static_cast<int32_t>(std::min<uint64_t>(limit - shown, 1000)));
    req.set_page_token(page_token);
    req.set_include_json(global.json);
    v1::ListEventsResponse resp;
    grpc::ClientContext ctx;
    PrepareContext(global, ctx);
    grpc::Status s = stub->ListEvents(&ctx, req, &resp);
    if (!s.ok()) return ReportError(global, s, output);
    reflected = resp.log_position();
    for (const v1::Event& e : resp.events()) {
      if (as_of > 0 && e.position() > as_of) {
        done = true;  // --as-of: nothing recorded after that position
        break;
      }
      if (global.json) {
        output.out << ToJson(e) << "\n";
      } else {
        AddEventRow(table, e);
      }
      ++shown;
    }
    page_token = resp.next_page_token();
  } while (!done && !page_token.empty() && shown < limit);
  if (!global.json) {
    table.Print(output.out);
    output.out << shown << " event(s); the log was at position " << reflected
               << (as_of > 0 ? absl::StrCat(", shown as of position ", as_of)
                             : std::string())
               << "\n";
  }
  return kExitOk;
}

int RunEventsFollow(const GlobalOptions& global, const CommandArgs& args,
                    Output& output) {
  FlagReader f(args);
  const std::string consortium = f.Required("consortium");
  const uint64_t from = f.Uint("from", 1);
  const std::string prefix = f.Optional("stream-prefix");
  const std::vector<std::string> types = f.List("type");
  const uint64_t count = f.Uint("count", 0);
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "events follow", output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), "events follow", output);
  auto stub = v1::EventService::NewStub(*channel);
  v1::SubscribeEventsRequest req;
  req.set_consortium_id(consortium);
  req.set_from_position(from);
  req.set_stream_prefix(prefix);
  for (const auto& t : types) req.add_event_types(t);
  req.set_include_json(global.json);
  grpc::ClientContext ctx;  // no deadline: follows until stopped
  if (global.tls_dir.empty() && !global.principal.empty()) {
    ctx.AddMetadata("concordia-principal", global.principal);
  }
  auto reader = stub->SubscribeEvents(&ctx, req);
  v1::SubscribeEventsResponse msg;
  uint64_t seen = 0;
  while (reader->Read(&msg)) {
    for (const v1::Event& e : msg.events()) {
      if (global.json) {
        output.out << ToJson(e) << std::endl;
      } else {
        output.out << e.position() << "  " << e.stream() << "  " << e.type()
                   << "  " << e.principal() << "  " << When(e.recorded_at())
                   << std::endl;
      }
      if (count > 0 && ++seen >= count) {
        ctx.TryCancel();
        reader->Finish().IgnoreError();
        return kExitOk;
      }
    }
  }
  grpc::Status s = reader->Finish();
  if (!s.ok()) {
    output.err << "concordia: the stream ended; resume with --from="
               << (msg.log_position() + 1) << "\n";
    return ReportError(global, s, output);
  }
  return kExitOk;
}

int RunStreamShow(const GlobalOptions& global, const CommandArgs& args,
                  Output& output) {
  FlagReader f(args);
  const std::string name = f.Positional(0, "STREAM");
  const uint64_t from = f.Uint("from", 0);
  const bool backward = f.Bool("backward");
  const uint64_t limit = f.Uint("limit", 100);
  const uint64_t as_of = f.Uint("as-of", 0);
  if (absl::Status s = f.Finish(); !s.ok()) {
    return UsageError(s, "stream", output);
  }
  auto channel = OpenChannel(global);
  if (!channel.ok()) return UsageError(channel.status(), "stream", output);
  auto stub = v1::EventService::NewStub(*channel);
  v1::GetStreamRequest get;
  get.set_name(name);
  v1::GetStreamResponse info;
  {
    grpc::ClientContext ctx;
    PrepareContext(global, ctx);
    grpc::Status s = stub->GetStream(&ctx, get, &info);
    if (!s.ok()) return ReportError(global, s, output);
  }
  v1::ListStreamEventsRequest req;
  req.set_stream(name);
  req.set_from_version(from);
  req.set_backward(backward);
  req.set_page_size(static_cast<int32_t>(std::min<uint64_t>(limit, 1000)));
  req.set_include_json(global.json);
  v1::ListStreamEventsResponse resp;
  grpc::ClientContext ctx;
  PrepareContext(global, ctx);
  grpc::Status s = stub->ListStreamEvents(&ctx, req, &resp);
  if (!s.ok()) return ReportError(global, s, output);
  if (global.json) {
    output.out << ToJson(info) << "\n";
    for (const v1::Event& e : resp.events()) {
      if (as_of == 0 || e.position() <= as_of) output.out << ToJson(e) << "\n";
    }
    return kExitOk;
  }
  output.out << "stream   " << info.stream().name() << "\nversion  "
             << info.stream().version() << "\npositions "
             << info.stream().first_position() << ".."
             << info.stream().last_position() << "\n\n";
  Table table = EventTable();
  for (const v1::Event& e : resp.events()) {
    if (as_of == 0 || e.position() <= as_of) AddEventRow(table, e);
  }
  table.Print(output.out);
  output.out << "as of log position "
             << (as_of > 0 ? as_of : resp.log_position()) << "\n";
  return kExitOk;
}

// `history KIND ID`: the stream name of an entity, as the domain names it.
absl::StatusOr<std::string> EntityStream(const std::string& consortium,
                                         const std::string& kind,
                                         const std::string& id,
                                         const std::string& function) {
  auto need_id = [&]() -> absl::Status {
    if (id.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("history ", kind,
                                                     " needs an ID"));
    }
    return absl::OkStatus();
  };
  if (kind == "consortium") return domain::consortium::ConsortiumStream(consortium);
  if (kind == "procurement") return domain::programme::ProcurementStream(consortium);
  if (absl::Status s = need_id(); !s.ok()) return s;
  if (kind == "session") return domain::session::SessionStream(consortium, id);
  if (kind == "proposal" || kind == "deliberation") {
    return domain::deliberation::DeliberationStream(consortium, id);
  }
  if (kind == "accord") return domain::accord::AccordStream(consortium, id);
  if (kind == "programme") return domain::programme::ProgrammeStream(consortium, id);
  if (kind == "project") return domain::project::ProjectStream(consortium, id);
  if (kind == "needs") {
    int year = 0;
    if (!absl::SimpleAtoi(id, &year)) {
      return absl::InvalidArgumentError(
          absl::StrCat("history needs: '", id, "' is not a year"));
    }
    return domain::programme::NeedsStream(consortium, year);
  }
  if (kind == "function") {
    std::string upper = absl::AsciiStrToUpper(function);
    for (char& c : upper) {
      if (c == '-') c = '_';
    }
    v1::Function f;
    if (!v1::Function_Parse("FUNCTION_" + upper, &f) ||
        f == v1::FUNCTION_UNSPECIFIED) {
      return absl::InvalidArgumentError(absl::StrCat(
          "history function: --function='", function,
          "' is not a function such as social-services or ict-services"));
    }
    return domain::delegation::DelegationStream(consortium, id, f);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "history: '", kind,
      "' is not one of consortium, session, proposal, deliberation, accord, "
      "function, programme, procurement, needs, project"));
}

int RunHistory(const GlobalOptions& global, const CommandArgs& args,
               Output& output) {
  CommandArgs rest = args;
  auto take = [&](const std::string& name) {
    auto it = rest.flags.find(name);
    if (it == rest.flags.end()) return std::string();
    std::string v = it->second;
    rest.flags.erase(it);
    return v;
  };
  const std::string consortium = take("consortium");
  const std::string function = take("function");
  if (consortium.empty() || rest.positional.empty()) {
    return UsageError(absl::InvalidArgumentError(
                          consortium.empty() ? "--consortium is required"
                                             : "KIND is required"),
                      "history", output);
  }
  const std::string kind = rest.positional[0];
  const std::string id = rest.positional.size() > 1 ? rest.positional[1] : "";
  absl::StatusOr<std::string> stream =
      EntityStream(consortium, kind, id, function);
  if (!stream.ok()) return UsageError(stream.status(), "history", output);
  rest.positional.erase(rest.positional.begin(),
                        rest.positional.begin() + (id.empty() ? 1 : 2));
  rest.positional.insert(rest.positional.begin(), *stream);
  return RunStreamShow(global, rest, output);
}

}  // namespace

std::vector<Command> EventCommands() {
  return {
      {"events list",
       "List a consortium's events in log order.",
       "concordia events list --consortium=ID [--from=POSITION]\n"
       "       [--stream-prefix=PREFIX] [--type=T1,T2] [--limit=100] "
       "[--as-of=POSITION]\n"
       "Example:\n  concordia events list --consortium=sudestmilano "
       "--stream-prefix=deliberation/ --limit=20",
       &RunEventsList},
      {"events follow",
       "Follow a consortium's decisions live (first the stored ones).",
       "concordia events follow --consortium=ID [--from=POSITION]\n"
       "       [--stream-prefix=PREFIX] [--type=T1,T2] [--count=N]\n"
       "Stops after N events with --count, otherwise on Ctrl-C.\n"
       "Example:\n  concordia --json events follow --consortium=sudestmilano "
       "--type=concordia.v1.DeliberationPublished",
       &RunEventsFollow},
      {"stream",
       "Show one stream (an entity's history) event by event.",
       "concordia stream NAME [--from=VERSION] [--backward] [--limit=100] "
       "[--as-of=POSITION]\n"
       "Example:\n  concordia stream sudestmilano/access",
       &RunStreamShow},
      {"history",
       "Show an entity's history: every event of its stream.",
       "concordia history KIND [ID] --consortium=ID [--function=F] "
       "[--from=VERSION]\n"
       "       [--backward] [--limit=100] [--as-of=POSITION]\n"
       "KIND: consortium, session, proposal (or deliberation), accord, "
       "function\n(ID is the member, with --function), programme, "
       "procurement, needs (ID is the year), project.\n"
       "Example:\n  concordia history deliberation p-2026-40 "
       "--consortium=sudestmilano\n"
       "  concordia history function ornica --function=ict-services "
       "--consortium=cst-valli",
       &RunHistory},
  };
}

}  // namespace concordia::cli
