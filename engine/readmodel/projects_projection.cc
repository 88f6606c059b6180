#include "engine/readmodel/projects_projection.h"

#include "concordia/v1/project_events.pb.h"
#include "engine/readmodel/keys.h"

namespace concordia::readmodel {

ProjectsProjection::ProjectsProjection()
    : ReadModelProjection(
          kProjects, kVersion,
          {TypeName<v1::ProjectRegistered>(), TypeName<v1::ReportScheduled>(),
           TypeName<v1::ExpenseRecorded>(), TypeName<v1::ReportSubmitted>(),
           TypeName<v1::ReportOverdue>(), TypeName<v1::CostsAllocated>()}) {}

absl::Status ProjectsProjection::ApplyEvent(
    const google::protobuf::Message& event, const log::Record& record,
    projection::EntityWriter& writer) {
  absl::StatusOr<std::string> cid = IdField(event, "consortium_id");
  if (!cid.ok()) return cid.status();
  absl::StatusOr<std::string> pid = IdField(event, "project_id");
  if (!pid.ok()) return pid.status();
  return fold_.Apply<v1::ProjectView>(
      writer, keys::Project(*cid, *pid), ProjectStateOf,
      [](const ProjectState& s) { return Serialize(ProjectViewOf(s)); },
      [&](ProjectState& s) {
        return domain::project::ApplyProjectEvent(s, event, record);
      },
      dynamic_cast<const v1::ProjectRegistered*>(&event) != nullptr,
      "project");
}

}  // namespace concordia::readmodel
