// ThreadedWriteReactor: a server-streaming RPC whose body runs on a thread of
// its own and writes synchronously, one message at a time.
//
// The callback API wants non-blocking reactors; some RPCs (a live
// subscription, a whole-store verification) are naturally a loop that blocks.
// This reactor runs such a loop on its own thread: Write() starts a write and
// waits for it to complete (so a slow client slows the loop instead of
// growing a buffer), returns false once the client is gone, and the loop's
// return value finishes the call. OnDone joins the thread before deleting the
// reactor.
//
// Thread-safety: Write and cancelled() are called from the body's thread;
// gRPC calls the On* methods from its threads.
//
// Example:
//   return new ThreadedWriteReactor<v1::VerifyStoreResponse>(
//       [](ThreadedWriteReactor<v1::VerifyStoreResponse>& w) {
//         v1::VerifyStoreResponse progress;
//         if (!w.Write(progress)) return grpc::Status::CANCELLED;
//         return grpc::Status::OK;
//       });
#ifndef CONCORDIA_SERVICES_COMMON_THREADED_WRITER_H_
#define CONCORDIA_SERVICES_COMMON_THREADED_WRITER_H_

#include <functional>
#include <thread>
#include <utility>

#include "engine/common/mutex.h"
#include "grpcpp/grpcpp.h"

namespace concordia {

template <typename Response>
class ThreadedWriteReactor final : public grpc::ServerWriteReactor<Response> {
 public:
  using Body = std::function<grpc::Status(ThreadedWriteReactor&)>;

  // Starts `body` at once. `on_cancel` (optional) runs when the client
  // cancels, to wake a body blocked elsewhere; `on_done` when the call ends.
  explicit ThreadedWriteReactor(Body body, std::function<void()> on_cancel = {},
                                std::function<void()> on_done = {})
      : on_cancel_(std::move(on_cancel)), on_done_(std::move(on_done)) {
    worker_ = std::thread([this, body = std::move(body)] {
      grpc::Status status = body(*this);
      this->Finish(status);
    });
  }

  // Sends `response` and waits until it is written. False once the client
  // cancelled or the stream broke.
  bool Write(const Response& response) {
    {
      MutexLock lock(&mu_);
      if (broken_) return false;
      writing_ = true;
    }
    this->StartWrite(&response);
    MutexLock lock(&mu_);
    cv_.Wait(lock, [this] { return !writing_; });
    return !broken_;
  }

  // Whether the client cancelled.
  bool cancelled() {
    MutexLock lock(&mu_);
    return broken_;
  }

  void OnWriteDone(bool ok) override {
    MutexLock lock(&mu_);
    writing_ = false;
    if (!ok) broken_ = true;
    cv_.SignalAll();
  }

  void OnCancel() override {
    {
      MutexLock lock(&mu_);
      broken_ = true;
      cv_.SignalAll();
    }
    if (on_cancel_) on_cancel_();
  }

  void OnDone() override {
    worker_.join();
    if (on_done_) on_done_();
    delete this;
  }

 private:
  const std::function<void()> on_cancel_;
  const std::function<void()> on_done_;
  std::thread worker_;
  Mutex mu_;
  CondVar cv_;
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
};

// A stream that fails at once with `status`.
template <typename Response>
class FailedWriteReactor final : public grpc::ServerWriteReactor<Response> {
 public:
  explicit FailedWriteReactor(const grpc::Status& status) {
    this->Finish(status);
  }
  void OnDone() override { delete this; }
};

}  // namespace concordia

#endif  // CONCORDIA_SERVICES_COMMON_THREADED_WRITER_H_
