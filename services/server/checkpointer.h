// Checkpointer: signs checkpoints of the audit tree when a session closes
// and periodically (when the log grew), so auditors always find a recent
// signed tree head. Asking for one (AuditService.GetCheckpoint) is the third
// way.
//
// Thread-safety: thread-safe; Stop() joins its threads.
//
// Example:
//   Checkpointer c(log, trail, absl::Hours(1));
//   CONCORDIA_RETURN_IF_ERROR(c.Start());
#ifndef CONCORDIA_SERVICES_SERVER_CHECKPOINTER_H_
#define CONCORDIA_SERVICES_SERVER_CHECKPOINTER_H_

#include <memory>
#include <thread>

#include "engine/audit/trail/audit_trail.h"
#include "engine/common/mutex.h"
#include "engine/log/follower.h"

namespace concordia {

class Checkpointer {
 public:
  Checkpointer(log::EventLog& log, audit::AuditTrail& trail,
               absl::Duration interval);
  ~Checkpointer();
  absl::Status Start();
  void Stop();

 private:
  log::EventLog& log_;
  audit::AuditTrail& trail_;
  const absl::Duration interval_;
  std::unique_ptr<log::Follower> sessions_;
  std::thread periodic_;
  Mutex mu_;
  CondVar cv_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_SERVER_CHECKPOINTER_H_
