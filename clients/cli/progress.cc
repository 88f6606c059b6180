#include "clients/cli/progress.h"

#include <unistd.h>

#include <ostream>

namespace concordia::cli {

ProgressBar::ProgressBar(std::string label, std::ostream& out)
    : label_(std::move(label)), out_(out), terminal_(isatty(STDERR_FILENO)) {}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  const double fraction =
      total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const int percent = static_cast<int>(fraction * 100);
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    out_ << "\r" << label_ << " [" << std::string(filled, '#')
         << std::string(kWidth - filled, '.') << "] " << percent << "% "
         << done << "/" << total << std::flush;
    drawn_ = true;
    return;
  }
  const int tenth = percent / 10;
  if (tenth != last_tenth_) {
    last_tenth_ = tenth;
    out_ << label_ << ": " << percent << "% (" << done << "/" << total << ")\n";
  }
}

void ProgressBar::Done() {
  if (terminal_ && drawn_) out_ << "\n";
}

}  // namespace concordia::cli
