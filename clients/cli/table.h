// Table: aligned, human-readable output for CLI listings; and JSON output of
// protobuf messages for --json.
//
// Thread-safety: single-threaded.
//
// Example:
//   Table t({"POSITION", "STREAM", "TYPE"});
//   t.AddRow({"12", "sudest/access", "concordia.v1.RoleGranted"});
//   t.Print(output.out);
#ifndef CONCORDIA_CLIENTS_CLI_TABLE_H_
#define CONCORDIA_CLIENTS_CLI_TABLE_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "google/protobuf/message.h"

namespace concordia::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers)
      : headers_(std::move(headers)) {}
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  size_t rows() const { return rows_.size(); }
  // Prints the headers and rows with columns padded to their widest cell.
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// The message as one line of JSON (proto field names, defaults included).
std::string ToJson(const google::protobuf::Message& message);

}  // namespace concordia::cli

#endif  // CONCORDIA_CLIENTS_CLI_TABLE_H_
