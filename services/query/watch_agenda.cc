// QueryService.WatchAgenda: the agenda at once, then again each time the
// read models it reads (agenda, sessions) have applied a later position and
// the agenda changed. The body waits on the projection runner (WaitFor, in
// slices of `poll_` so that a cancel or the server's shutdown is seen
// promptly), never spins.
#include <memory>
#include <string>

#include "engine/common/errors.h"
#include "engine/readmodel/keys.h"
#include "services/common/grpc_status.h"
#include "services/common/threaded_writer.h"
#include "services/query/query_service.h"

namespace concordia {
namespace {

using Reactor = ThreadedWriteReactor<v1::WatchAgendaResponse>;

grpc::Status ShuttingDown() {
  return ToGrpcStatus(Error(absl::StatusCode::kUnavailable, "SHUTTING_DOWN",
                            "the server is shutting down; watch again"));
}

}  // namespace

bool QueryService::closing() {
  MutexLock lock(&mu_);
  return closing_;
}

void QueryService::CancelWatches() {
  MutexLock lock(&mu_);
  closing_ = true;
}

grpc::ServerWriteReactor<v1::WatchAgendaResponse>* QueryService::WatchAgenda(
    grpc::CallbackServerContext* context, const v1::WatchAgendaRequest* req) {
  auto principal =
      Authorize(env_, *context, access::Action::kRead, req->consortium_id());
  if (!principal.ok()) {
    return new FailedWriteReactor<v1::WatchAgendaResponse>(
        ToGrpcStatus(principal.status()));
  }
  if (closing()) return new FailedWriteReactor<v1::WatchAgendaResponse>(ShuttingDown());
  const std::string cid = req->consortium_id();
  const std::string member = req->member_id();
  readmodel::AgendaFilter filter;
  filter.open_only = req->open_only();
  v1::AsOf as_of;
  if (req->has_in_force_on()) *as_of.mutable_in_force_on() = req->in_force_on();
  readmodel::PageRequest page;
  page.page_size = req->page_size();
  return new Reactor([this, cid, member, filter, as_of, page](Reactor& writer) {
    std::string last_sent;
    bool sent = false;
    while (true) {
      if (closing()) return ShuttingDown();
      if (writer.cancelled()) return grpc::Status::CANCELLED;
      absl::StatusOr<readmodel::Page<v1::AgendaEntryView>> agenda =
          queries_.ListAgenda(cid, member, filter, as_of, page);
      if (!agenda.ok()) {
        // Bad input fails the watch; a read model still being built is
        // waited for like any other progress.
        if (sent || ErrorReason(agenda.status()) != readmodel::kReadModelBuilding) {
          return ToGrpcStatus(agenda.status());
        }
      }
      uint64_t position = 0;
      if (agenda.ok()) {
        position = agenda->header.log_position();
        v1::WatchAgendaResponse update;
        for (v1::AgendaEntryView& e : agenda->items) {
          *update.add_entries() = std::move(e);
        }
        update.set_truncated(!agenda->next_page_token.empty());
        const std::string content = update.SerializeAsString();
        if (!sent || content != last_sent) {
          *update.mutable_header() = agenda->header;
          if (!writer.Write(update)) return grpc::Status::CANCELLED;
          last_sent = content;
          sent = true;
        }
      }
      // Until both read models have applied a later position.
      for (const char* model : {readmodel::kAgenda, readmodel::kSessions}) {
        while (true) {
          if (closing()) return ShuttingDown();
          if (writer.cancelled()) return grpc::Status::CANCELLED;
          absl::Status s = runner_.WaitFor(model, position + 1, poll_);
          if (s.ok()) break;
          if (!absl::IsDeadlineExceeded(s)) return ToGrpcStatus(s);
        }
      }
    }
  });
}

}  // namespace concordia
