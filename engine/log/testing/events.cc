#include "engine/log/testing/events.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace concordia::log::testing {

NewEvent MakeEvent(uint64_t seed, std::string type, size_t payload_bytes) {
  NewEvent e;
  for (int i = 0; i < 8; ++i) {
    e.id.bytes[i] = static_cast<uint8_t>(seed >> (8 * (7 - i)));
    e.id.bytes[8 + i] = static_cast<uint8_t>(0xA5 ^ i);
  }
  e.type = std::move(type);
  e.schema_version = 1;
  e.payload.resize(payload_bytes);
  for (size_t i = 0; i < payload_bytes; ++i) {
    e.payload[i] = static_cast<char>('a' + (seed + i) % 26);
  }
  e.metadata.principal = "comune:test/officer";
  e.metadata.command_id = absl::StrCat("cmd-", seed);
  e.metadata.correlation_id = "corr";
  e.metadata.effective_time = absl::FromUnixSeconds(1772409600);  // 2026-03-02
  return e;
}

std::string FreshDir(const std::string& name) {
  static std::atomic<int> counter{0};
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string dir = absl::StrCat(tmp ? tmp : "/tmp", "/", name, ".",
                                       getpid(), ".", counter.fetch_add(1));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TestLog::TestLog(RocksEventLogOptions o, absl::Time start)
    : clock(start), options(std::move(o)) {
  if (options.path.empty()) options.path = FreshDir("log");
  options.clock = &clock;
  Reopen();
}

void TestLog::Reopen() {
  log.reset();
  auto opened = RocksEventLog::Open(options);
  if (!opened.ok()) {
    ADD_FAILURE() << "cannot open the log: " << opened.status();
    return;
  }
  log = *std::move(opened);
}

}  // namespace concordia::log::testing
