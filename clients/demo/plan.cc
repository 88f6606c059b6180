#include "clients/demo/plan.h"

#include "absl/strings/str_cat.h"

namespace concordia::demo {

std::string RequestIdOf(const std::string& step) {
  return absl::StrCat("demo-", step);
}

uint64_t Plan::LogPositionOf(const google::protobuf::Message& response) {
  const google::protobuf::FieldDescriptor* f =
      response.GetDescriptor()->FindFieldByName("log_position");
  if (f == nullptr ||
      f->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_UINT64) {
    return 0;
  }
  return response.GetReflection()->GetUInt64(response, f);
}

void Plan::Push(const std::string& name, const std::string& as, Call call) {
  if (!names_.insert(name).second && duplicate_.empty()) duplicate_ = name;
  steps_.push_back({name, as, std::move(call)});
}

std::vector<std::string> Plan::Principals() const {
  std::set<std::string> all;
  for (const Step& s : steps_) all.insert(s.as);
  return {all.begin(), all.end()};
}

absl::StatusOr<size_t> Plan::Run(
    const ClientFor& client_for,
    const std::function<void(size_t, size_t)>& progress,
    uint64_t log_end) const {
  if (!duplicate_.empty()) {
    return absl::InternalError(
        absl::StrCat("the demo plan names step ", duplicate_, " twice"));
  }
  size_t appended = 0;
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& step = steps_[i];
    absl::StatusOr<client::Client*> c = client_for(step.as);
    if (!c.ok()) return c.status();
    absl::StatusOr<uint64_t> position = step.call(**c);
    if (!position.ok()) {
      const absl::Status& s = position.status();
      absl::Status annotated(
          s.code(), absl::StrCat("step ", step.name, " (as ", step.as,
                                 "): ", s.message()));
      // Keep the payload (the reason code and metadata) of the error.
      s.ForEachPayload([&](absl::string_view url, const absl::Cord& payload) {
        annotated.SetPayload(url, payload);
      });
      return annotated;
    }
    if (*position > log_end) ++appended;
    if (progress) progress(i + 1, steps_.size());
  }
  return appended;
}

}  // namespace concordia::demo
