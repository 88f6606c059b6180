#include "clients/cli/rpc_command.h"

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clients/cli/channel.h"
#include "clients/cli/table.h"
#include "engine/common/errors.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/util/json_util.h"

namespace concordia::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string FieldName(std::string flag) {
  for (char& c : flag) {
    if (c == '-') c = '_';
  }
  return flag;
}

bool IsDate(const Descriptor* d) {
  return d != nullptr && d->full_name() == "concordia.v1.Date";
}
bool IsTimestamp(const Descriptor* d) {
  return d != nullptr && d->full_name() == "google.protobuf.Timestamp";
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Value text that may be @FILE.
absl::StatusOr<std::string> Inline(const std::string& value) {
  if (!value.empty() && value[0] == '@') return ReadFile(value.substr(1));
  return value;
}

absl::Status ParseDate(const std::string& text, Message& date) {
  int y = 0, m = 0, d = 0;
  std::vector<std::string> parts = absl::StrSplit(text, '-');
  if (parts.size() != 3 || !absl::SimpleAtoi(parts[0], &y) ||
      !absl::SimpleAtoi(parts[1], &m) || !absl::SimpleAtoi(parts[2], &d) ||
      m < 1 || m > 12 || d < 1 || d > 31) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is not a date YYYY-MM-DD"));
  }
  const Descriptor* desc = date.GetDescriptor();
  const Reflection* r = date.GetReflection();
  r->SetInt32(&date, desc->FindFieldByName("year"), y);
  r->SetInt32(&date, desc->FindFieldByName("month"), m);
  r->SetInt32(&date, desc->FindFieldByName("day"), d);
  return absl::OkStatus();
}

absl::Status ParseTimestamp(const std::string& text, Message& ts) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, text, &t, &error)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", text, "' is not a time such as 2026-03-02T18:00:00+01:00"));
  }
  const Descriptor* desc = ts.GetDescriptor();
  const Reflection* r = ts.GetReflection();
  const int64_t nanos = absl::ToUnixNanos(t);
  int64_t seconds = nanos / 1000000000;
  int64_t rest = nanos % 1000000000;
  if (rest < 0) {
    rest += 1000000000;
    --seconds;
  }
  r->SetInt64(&ts, desc->FindFieldByName("seconds"), seconds);
  r->SetInt32(&ts, desc->FindFieldByName("nanos"), static_cast<int32_t>(rest));
  return absl::OkStatus();
}

absl::Status ParseEnum(const FieldDescriptor& field, const std::string& text,
                       int* number) {
  const google::protobuf::EnumDescriptor* e = field.enum_type();
  std::string upper = absl::AsciiStrToUpper(text);
  for (char& c : upper) {
    if (c == '-') c = '_';
  }
  // The enum's prefix: its first value's name up to "UNSPECIFIED".
  std::string prefix;
  const std::string first = e->value(0)->name();
  if (const size_t at = first.rfind("UNSPECIFIED"); at != std::string::npos) {
    prefix = first.substr(0, at);
  }
  const google::protobuf::EnumValueDescriptor* v = e->FindValueByName(upper);
  if (v == nullptr) v = e->FindValueByName(prefix + upper);
  if (v == nullptr || v->number() == 0) {
    std::vector<std::string> names;
    for (int i = 1; i < e->value_count(); ++i) {
      // As the usage line spells them: lower case, dashes for underscores.
      std::string n =
          absl::AsciiStrToLower(e->value(i)->name().substr(prefix.size()));
      for (char& c : n) {
        if (c == '_') c = '-';
      }
      names.push_back(n);
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "'", text, "' is not one of ", absl::StrJoin(names, ", ")));
  }
  *number = v->number();
  return absl::OkStatus();
}

// Sets one scalar (or Date/Timestamp/message) value of `field`.
absl::Status SetOne(Message& message, const FieldDescriptor& field,
                    const std::string& text) {
  const Reflection* r = message.GetReflection();
  const bool rep = field.is_repeated();
  auto bad = [&](const char* what) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is not ", what));
  };
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      rep ? r->AddString(&message, &field, text)
          : r->SetString(&message, &field, text);
      return absl::OkStatus();
    case FieldDescriptor::CPPTYPE_INT32: {
      int32_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("a whole number");
      rep ? r->AddInt32(&message, &field, v) : r->SetInt32(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_INT64: {
      int64_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("a whole number");
      rep ? r->AddInt64(&message, &field, v) : r->SetInt64(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT32: {
      uint32_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("a non-negative number");
      rep ? r->AddUInt32(&message, &field, v)
          : r->SetUInt32(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_UINT64: {
      uint64_t v;
      if (!absl::SimpleAtoi(text, &v)) return bad("a non-negative number");
      rep ? r->AddUInt64(&message, &field, v)
          : r->SetUInt64(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_BOOL: {
      bool v;
      if (text == "true" || text == "yes" || text == "1") {
        v = true;
      } else if (text == "false" || text == "no" || text == "0") {
        v = false;
      } else {
        return bad("true or false");
      }
      rep ? r->AddBool(&message, &field, v) : r->SetBool(&message, &field, v);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      int n = 0;
      if (absl::Status s = ParseEnum(field, text, &n); !s.ok()) return s;
      rep ? r->AddEnumValue(&message, &field, n)
          : r->SetEnumValue(&message, &field, n);
      return absl::OkStatus();
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      Message* sub = rep ? r->AddMessage(&message, &field)
                         : r->MutableMessage(&message, &field);
      if (IsDate(field.message_type())) return ParseDate(text, *sub);
      if (IsTimestamp(field.message_type())) return ParseTimestamp(text, *sub);
      absl::StatusOr<std::string> json = Inline(text);
      if (!json.ok()) return json.status();
      sub->Clear();
      auto s = google::protobuf::util::JsonStringToMessage(*json, sub);
      if (!s.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("not a ", field.message_type()->name(),
                         " in JSON: ", s.ToString()));
      }
      return absl::OkStatus();
    }
    default:
      return absl::InvalidArgumentError("unsupported field type");
  }
}

absl::Status SetField(Message& message, const FieldDescriptor& field,
                      const std::string& value) {
  const Reflection* r = message.GetReflection();
  if (!field.is_repeated()) return SetOne(message, field, value);
  r->ClearField(&message, &field);
  // Repeated records: a JSON array (inline or @FILE).
  if (field.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
      !IsDate(field.message_type()) && !IsTimestamp(field.message_type())) {
    absl::StatusOr<std::string> json = Inline(value);
    if (!json.ok()) return json.status();
    // Parse the array as the repeated field of a copy of the message.
    std::unique_ptr<Message> holder(message.New());
    const std::string wrapped =
        absl::StrCat("{\"", field.name(), "\": ", *json, "}");
    auto s = google::protobuf::util::JsonStringToMessage(wrapped, holder.get());
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "not a JSON array of ", field.message_type()->name(), ": ",
          s.ToString()));
    }
    for (int i = 0; i < r->FieldSize(*holder, &field); ++i) {
      r->AddMessage(&message, &field)->CopyFrom(
          r->GetRepeatedMessage(*holder, &field, i));
    }
    return absl::OkStatus();
  }
  for (absl::string_view piece :
       absl::StrSplit(value, ',', absl::SkipEmpty())) {
    const std::string part(piece);
    if (absl::Status s = SetOne(message, field, part); !s.ok()) return s;
  }
  return absl::OkStatus();
}

bool IsSet(const Message& message, const FieldDescriptor& field) {
  const Reflection* r = message.GetReflection();
  if (field.is_repeated()) return r->FieldSize(message, &field) > 0;
  if (field.has_presence()) return r->HasField(message, &field);
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return !r->GetString(message, &field).empty();
    case FieldDescriptor::CPPTYPE_ENUM:
      return r->GetEnumValue(message, &field) != 0;
    case FieldDescriptor::CPPTYPE_INT32:
      return r->GetInt32(message, &field) != 0;
    case FieldDescriptor::CPPTYPE_INT64:
      return r->GetInt64(message, &field) != 0;
    case FieldDescriptor::CPPTYPE_UINT32:
      return r->GetUInt32(message, &field) != 0;
    case FieldDescriptor::CPPTYPE_UINT64:
      return r->GetUInt64(message, &field) != 0;
    case FieldDescriptor::CPPTYPE_BOOL:
      return r->GetBool(message, &field);
    default:
      return true;
  }
}

// What a field's value looks like on the command line.
std::string Placeholder(const FieldDescriptor& f) {
  if (f.cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
    if (IsDate(f.message_type())) return "YYYY-MM-DD";
    if (IsTimestamp(f.message_type())) return "RFC3339_TIME";
    return f.is_repeated() ? "@LIST.json" : "@FILE.json";
  }
  if (f.cpp_type() == FieldDescriptor::CPPTYPE_ENUM) {
    std::vector<std::string> names;
    const google::protobuf::EnumDescriptor* e = f.enum_type();
    const std::string first = e->value(0)->name();
    const size_t at = first.rfind("UNSPECIFIED");
    const size_t cut = at == std::string::npos ? 0 : at;
    for (int i = 1; i < e->value_count(); ++i) {
      std::string n = absl::AsciiStrToLower(e->value(i)->name().substr(cut));
      for (char& c : n) {
        if (c == '_') c = '-';
      }
      names.push_back(n);
    }
    return absl::StrJoin(names, "|");
  }
  if (f.cpp_type() == FieldDescriptor::CPPTYPE_BOOL) return "true|false";
  if (f.cpp_type() == FieldDescriptor::CPPTYPE_STRING) {
    return f.is_repeated() ? "A,B,..." : (absl::EndsWith(f.name(), "_id") ? "ID" : "TEXT");
  }
  return f.is_repeated() ? "N,M,..." : "N";
}

}  // namespace

std::string FlagForField(const FieldDescriptor& field) {
  if (field.name() == "as_of_position") return "as-of";
  if (field.name() == "as_of_date" || field.name() == "effective_date") {
    return "on";
  }
  if (field.name() == "request_id") return "request-id";
  std::string flag = field.name();
  // predecessor_ids → predecessors; consortium_id → consortium, unless
  // another field is named that way.
  if (absl::EndsWith(flag, "_ids")) {
    flag = flag.substr(0, flag.size() - 4) + "s";
  } else if (absl::EndsWith(flag, "_id") &&
      field.containing_type()->FindFieldByName(flag.substr(0, flag.size() - 3)) ==
          nullptr) {
    flag = flag.substr(0, flag.size() - 3);
  }
  for (char& c : flag) {
    if (c == '_') c = '-';
  }
  return flag;
}

std::string RpcUsage(const std::string& name, const Descriptor& request,
                     const std::vector<std::string>& required,
                     const std::string& example) {
  std::string required_part, optional_part;
  for (int i = 0; i < request.field_count(); ++i) {
    const FieldDescriptor* f = request.field(i);
    const std::string text =
        absl::StrCat("--", FlagForField(*f), "=", Placeholder(*f));
    const bool is_required =
        std::find(required.begin(), required.end(), f->name()) != required.end();
    if (is_required) {
      absl::StrAppend(&required_part, " ", text);
    } else {
      absl::StrAppend(&optional_part, "\n    [", text, "]");
    }
  }
  return absl::StrCat("concordia ", name, required_part, optional_part,
                      "\n    [--file=REQUEST.json]  the request as proto JSON (",
                      request.name(), "); flags override it",
                      "\nExample:\n  ", example);
}

const FieldDescriptor* FieldForFlag(const Descriptor& descriptor,
                                    const std::string& flag) {
  if (flag == "as-of") return descriptor.FindFieldByName("as_of_position");
  if (flag == "on") {
    if (const FieldDescriptor* f = descriptor.FindFieldByName("as_of_date")) {
      return f;
    }
    return descriptor.FindFieldByName("effective_date");
  }
  const std::string name = FieldName(flag);
  if (const FieldDescriptor* f = descriptor.FindFieldByName(name)) return f;
  if (const FieldDescriptor* f = descriptor.FindFieldByName(name + "_id")) {
    return f;
  }
  // --predecessors → predecessor_ids.
  if (absl::EndsWith(name, "s")) {
    return descriptor.FindFieldByName(name.substr(0, name.size() - 1) + "_ids");
  }
  return nullptr;
}

absl::Status BuildRequest(const CommandArgs& args,
                          const std::vector<std::string>& required,
                          Message& request) {
  if (!args.positional.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unexpected argument '", args.positional[0],
        "' (give every value as --name=value)"));
  }
  const Descriptor& d = *request.GetDescriptor();
  if (auto it = args.flags.find("file"); it != args.flags.end()) {
    absl::StatusOr<std::string> json = ReadFile(it->second);
    if (!json.ok()) return absl::InvalidArgumentError(absl::StrCat(
        "--file: ", json.status().message()));
    auto s = google::protobuf::util::JsonStringToMessage(*json, &request);
    if (!s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--file: not a ", d.name(), " in JSON: ", s.ToString()));
    }
  }
  for (const auto& [flag, value] : args.flags) {
    if (flag == "file") continue;
    const FieldDescriptor* field = FieldForFlag(d, flag);
    if (field == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("unknown option --", flag));
    }
    if (absl::Status s = SetField(request, *field, value); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", flag, ": ", s.message()));
    }
  }
  for (const std::string& name : required) {
    const FieldDescriptor* field = d.FindFieldByName(name);
    if (field != nullptr && !IsSet(request, *field)) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", FlagForField(*field), " is required"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<client::Client>> ConnectClient(
    const GlobalOptions& global) {
  client::ClientOptions options;
  options.address = global.server;
  options.principal = global.principal;
  options.timeout = global.timeout;
  if (!global.tls_dir.empty()) {
    if (global.principal.empty()) {
      return absl::InvalidArgumentError(
          "--tls_dir needs --as=PRINCIPAL to pick the client certificate");
    }
    options.tls.cert = global.tls_dir + "/" + global.principal + ".crt";
    options.tls.key = global.tls_dir + "/" + global.principal + ".key";
    options.tls.ca = global.tls_dir + "/ca.crt";
  }
  // A CLI invocation fails fast when the server is down: two attempts.
  options.retry.attempts = 2;
  return client::Client::Connect(std::move(options));
}

int ReportStatus(const GlobalOptions& global, const absl::Status& status,
                 Output& output) {
  const std::string reason = ErrorReason(status);
  std::string field;
  auto meta = ErrorMetadata(status);
  if (auto it = meta.find("field"); it != meta.end()) field = it->second;
  int code = kExitRejected;
  switch (status.code()) {
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      if (reason == "READ_MODEL_BEHIND" || reason == "READ_MODEL_BUILDING") {
        // The server answered: its read model is not there yet.
        output.err << "concordia: not ready yet (" << reason
                   << "), retry: " << status.message() << "\n";
      } else {
        output.err << "concordia: cannot reach the server at " << global.server
                   << ": " << status.message() << "\n";
      }
      code = kExitConnection;
      break;
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kPermissionDenied:
      output.err << "concordia: not allowed: " << status.message() << "\n";
      code = kExitConnection;
      break;
    case absl::StatusCode::kInvalidArgument:
      output.err << "concordia: invalid request"
                 << (field.empty() ? "" : " (field " + field + ")") << ": "
                 << status.message() << "\n";
      code = kExitUsage;
      break;
    case absl::StatusCode::kNotFound:
      output.err << "concordia: not found: " << status.message() << "\n";
      break;
    default:
      output.err << "concordia: rejected ("
                 << (reason.empty() ? absl::StatusCodeToString(status.code())
                                    : reason)
                 << "): " << status.message() << "\n";
  }
  if (global.json) {
    output.out << "{\"error\": {\"code\": "
               << JsonString(absl::StatusCodeToString(status.code()))
               << ", \"reason\": " << JsonString(reason)
               << ", \"message\": " << JsonString(std::string(status.message()))
               << "}}\n";
  }
  return code;
}

void PrintResponse(const GlobalOptions& global, const Message& response,
                   Output& output) {
  if (global.json) {
    output.out << ToJson(response) << "\n";
    return;
  }
  PrintReadable(response, output.out);
}

}  // namespace concordia::cli
