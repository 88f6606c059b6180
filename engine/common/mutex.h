// Mutex, MutexLock and CondVar: the project's locking primitives.
//
// Thin wrappers over std::mutex and std::condition_variable with Abseil's
// thread-safety annotations. Why not absl::Mutex: Debian's Abseil is not built
// with ThreadSanitizer annotations, so under --config=tsan TSan could not see
// absl::Mutex's synchronisation and would report false races in project code;
// the standard library's pthread-based primitives are fully visible to TSan.
//
// Thread-safety: these are the synchronisation primitives.
//
// Example:
//   class Counter {
//    public:
//     void Add() { MutexLock lock(&mu_); ++n_; cv_.SignalAll(); }
//     void AwaitAtLeast(int k) {
//       MutexLock lock(&mu_);
//       cv_.Wait(lock, [&] { return n_ >= k; });
//     }
//    private:
//     Mutex mu_;
//     CondVar cv_;
//     int n_ ABSL_GUARDED_BY(mu_) = 0;
//   };
#ifndef CONCORDIA_ENGINE_COMMON_MUTEX_H_
#define CONCORDIA_ENGINE_COMMON_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/time/time.h"

namespace concordia {

// A non-recursive mutual-exclusion lock.
class ABSL_LOCKABLE Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void Unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  bool TryLock() ABSL_EXCLUSIVE_TRYLOCK_FUNCTION(true) {
    return mu_.try_lock();
  }

 private:
  friend class MutexLock;
  std::mutex mu_;
};

// Holds a Mutex for its scope.
class ABSL_SCOPED_LOCKABLE MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu)
      : lock_(mu->mu_) {}
  ~MutexLock() ABSL_UNLOCK_FUNCTION() = default;
  MutexLock(const MutexLock&) = delete;

  // Releases the mutex early (e.g. around slow I/O); REQUIRES: held.
  void Unlock() ABSL_UNLOCK_FUNCTION() { lock_.unlock(); }
  // Re-acquires the mutex after Unlock(); REQUIRES: not held.
  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { lock_.lock(); }
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  friend class CondVar;
  std::unique_lock<std::mutex> lock_;
};

// A condition variable used with MutexLock.
class CondVar {
 public:
  // Waits until `done()` holds. `done` is evaluated with the lock held.
  template <typename Predicate>
  void Wait(MutexLock& lock, Predicate done) {
    cv_.wait(lock.lock_, done);
  }
  // Waits until `done()` holds or `timeout` passes; returns done().
  template <typename Predicate>
  bool WaitFor(MutexLock& lock, absl::Duration timeout, Predicate done) {
    return cv_.wait_for(lock.lock_, absl::ToChronoNanoseconds(timeout), done);
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace concordia

#endif  // CONCORDIA_ENGINE_COMMON_MUTEX_H_
