// ProgressBar: progress of long CLI operations (verify-store, replay, export,
// bulk import) on standard error — a redrawn bar on a terminal, a line every
// tenth otherwise, so logs stay readable.
//
// Thread-safety: single-threaded.
//
// Example:
//   ProgressBar bar("verifying", output.err);
//   bar.Update(4096, 1000000);
//   bar.Done();
#ifndef CONCORDIA_CLIENTS_CLI_PROGRESS_H_
#define CONCORDIA_CLIENTS_CLI_PROGRESS_H_

#include <cstdint>
#include <iosfwd>
#include <string>

namespace concordia::cli {

class ProgressBar {
 public:
  ProgressBar(std::string label, std::ostream& out);
  void Update(uint64_t done, uint64_t total);
  void Done();

 private:
  const std::string label_;
  std::ostream& out_;
  const bool terminal_;
  int last_tenth_ = -1;
  bool drawn_ = false;
};

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_PROGRESS_H_
