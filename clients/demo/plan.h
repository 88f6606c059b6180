// Plan: the demo data set as an ordered list of real API calls, each made
// as a named principal with a request id derived from its step name
// ("demo-<step>"), so that running a plan twice answers every call from the
// log (AIP-155 replay) and appends nothing the second time.
//
// A plan is built first (so its size is known for a progress bar) and run
// afterwards through a ClientFor that returns a client::Client acting as a
// principal: the CLI makes one per principal (plaintext header or that
// principal's certificate), tests wrap their channels. Run stops at the
// first failed step and returns its error prefixed with the step's name.
//
// Thread-safety: build and run from one thread; Run is const and may be
// called again.
//
// Example:
//   Plan plan;
//   v1::CreateBodyRequest body;
//   body.set_consortium_id("sudestmilano");
//   ...
//   plan.Add("sudestmilano/body-assemblea", "admin@concordia",
//            &v1::ConsortiumService::Stub::CreateBody, body);
//   absl::StatusOr<size_t> appended =
//       plan.Run(client_for, [](size_t done, size_t total) {}, log_end);
#ifndef CONCORDIA_CLIENTS_DEMO_PLAN_H_
#define CONCORDIA_CLIENTS_DEMO_PLAN_H_

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "clients/cpp/client.h"
#include "google/protobuf/message.h"

namespace concordia::demo {

// The request id of a step: "demo-<step>".
std::string RequestIdOf(const std::string& step);

// Returns the client acting as `principal` (owned by the caller).
using ClientFor =
    std::function<absl::StatusOr<client::Client*>(const std::string& principal)>;

class Plan {
 public:
  // Appends a call of `method` as `as`, with request_id "demo-<step>".
  // Step names are unique within a plan (a duplicate is a bug: Run refuses
  // the plan with kInternal naming it).
  template <typename Stub, typename Request, typename Response>
  void Add(const std::string& step, const std::string& as,
           grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                        Response*),
           Request request) {
    request.set_request_id(RequestIdOf(step));
    Push(step, as,
         [method, request](client::Client& c) -> absl::StatusOr<uint64_t> {
           absl::StatusOr<Response> r = c.Call(method, request);
           if (!r.ok()) return r.status();
           return LogPositionOf(*r);
         });
  }

  size_t size() const { return steps_.size(); }
  const std::string& step_name(size_t i) const { return steps_[i].name; }
  // Every principal the plan acts as, sorted.
  std::vector<std::string> Principals() const;

  // Runs every step in order; `progress(done, total)` after each one.
  // Returns how many steps appended to the log: those whose response's
  // log_position is after `log_end` (the log's last position before the
  // run); a replayed step answers with the position it appended at first.
  absl::StatusOr<size_t> Run(
      const ClientFor& client_for,
      const std::function<void(size_t, size_t)>& progress,
      uint64_t log_end) const;

 private:
  // A step's call returns its response's log_position.
  using Call = std::function<absl::StatusOr<uint64_t>(client::Client&)>;
  struct Step {
    std::string name;
    std::string as;
    Call call;
  };
  // The uint64 field log_position of a mutation's response (0 if none).
  static uint64_t LogPositionOf(const google::protobuf::Message& response);
  void Push(const std::string& name, const std::string& as, Call call);

  std::vector<Step> steps_;
  std::set<std::string> names_;
  std::string duplicate_;
};

}  // namespace concordia::demo

#endif  // CONCORDIA_CLIENTS_DEMO_PLAN_H_
