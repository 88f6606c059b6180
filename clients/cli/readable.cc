// PrintReadable (rpc_command.h): responses as "name: value" lines, nested
// messages indented, repeated records as tables; dates as YYYY-MM-DD,
// timestamps in RFC 3339, enums without their prefix, *_cents as euros.
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clients/cli/rpc_command.h"
#include "clients/cli/table.h"
#include "google/protobuf/descriptor.h"

namespace concordia::cli {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string EnumText(const google::protobuf::EnumValueDescriptor* v) {
  const std::string first = v->type()->value(0)->name();
  std::string prefix;
  if (const size_t at = first.rfind("UNSPECIFIED"); at != std::string::npos) {
    prefix = first.substr(0, at);
  }
  std::string name = v->name();
  if (absl::StartsWith(name, prefix)) name = name.substr(prefix.size());
  name = absl::AsciiStrToLower(name);
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

std::string Cents(int64_t cents) {
  const bool negative = cents < 0;
  const uint64_t abs = negative ? static_cast<uint64_t>(-(cents + 1)) + 1
                                : static_cast<uint64_t>(cents);
  return absl::StrFormat("%s%d.%02d EUR", negative ? "-" : "", abs / 100,
                         abs % 100);
}

// A message with no nested records, printed in one cell.
std::string Inline(const Message& m);

std::string Value(const Message& m, const FieldDescriptor& f, int index) {
  const Reflection* r = m.GetReflection();
  const bool rep = f.is_repeated();
  switch (f.cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r->GetRepeatedString(m, &f, index) : r->GetString(m, &f);
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r->GetRepeatedInt32(m, &f, index)
                              : r->GetInt32(m, &f));
    case FieldDescriptor::CPPTYPE_INT64: {
      const int64_t v =
          rep ? r->GetRepeatedInt64(m, &f, index) : r->GetInt64(m, &f);
      return absl::EndsWith(f.name(), "_cents") ? Cents(v) : absl::StrCat(v);
    }
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r->GetRepeatedUInt32(m, &f, index)
                              : r->GetUInt32(m, &f));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r->GetRepeatedUInt64(m, &f, index)
                              : r->GetUInt64(m, &f));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r->GetRepeatedBool(m, &f, index) : r->GetBool(m, &f))
                 ? "yes"
                 : "no";
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumText(rep ? r->GetRepeatedEnum(m, &f, index)
                          : r->GetEnum(m, &f));
    case FieldDescriptor::CPPTYPE_MESSAGE:
      return Inline(rep ? r->GetRepeatedMessage(m, &f, index)
                        : r->GetMessage(m, &f));
    default:
      return "";
  }
}

std::string Inline(const Message& m) {
  const Descriptor* d = m.GetDescriptor();
  const Reflection* r = m.GetReflection();
  if (d->full_name() == "concordia.v1.Date") {
    const int y = r->GetInt32(m, d->FindFieldByName("year"));
    if (y == 0) return "";
    return absl::StrFormat("%04d-%02d-%02d", y,
                           r->GetInt32(m, d->FindFieldByName("month")),
                           r->GetInt32(m, d->FindFieldByName("day")));
  }
  if (d->full_name() == "google.protobuf.Timestamp") {
    const int64_t s = r->GetInt64(m, d->FindFieldByName("seconds"));
    if (s == 0) return "";
    return absl::FormatTime(absl::RFC3339_sec, absl::FromUnixSeconds(s),
                            absl::UTCTimeZone());
  }
  std::vector<std::string> parts;
  std::vector<const FieldDescriptor*> fields;
  r->ListFields(m, &fields);
  for (const FieldDescriptor* f : fields) {
    if (f->is_repeated()) {
      std::vector<std::string> items;
      for (int i = 0; i < r->FieldSize(m, f); ++i) items.push_back(Value(m, *f, i));
      parts.push_back(absl::StrCat(f->name(), "=[", absl::StrJoin(items, ", "), "]"));
    } else {
      parts.push_back(absl::StrCat(f->name(), "=", Value(m, *f, 0)));
    }
  }
  return absl::StrJoin(parts, " ");
}

// Whether a record's fields are all printable in a table cell.
bool Flat(const Descriptor& d) {
  for (int i = 0; i < d.field_count(); ++i) {
    const FieldDescriptor* f = d.field(i);
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    const std::string n = f->message_type()->full_name();
    if (n == "concordia.v1.Date" || n == "google.protobuf.Timestamp") continue;
    if (f->is_repeated()) return false;
  }
  return true;
}

void Print(const Message& m, std::ostream& out, const std::string& indent) {
  const Reflection* r = m.GetReflection();
  // The fields set, and every singular bool (so "adopted: no" is shown).
  std::vector<const FieldDescriptor*> fields;
  const Descriptor* desc = m.GetDescriptor();
  for (int i = 0; i < desc->field_count(); ++i) {
    const FieldDescriptor* f = desc->field(i);
    const bool set = f->is_repeated() ? r->FieldSize(m, f) > 0
                                      : r->HasField(m, f);
    if (set || (!f->is_repeated() &&
                f->cpp_type() == FieldDescriptor::CPPTYPE_BOOL)) {
      fields.push_back(f);
    }
  }
  for (const FieldDescriptor* f : fields) {
    const bool record = f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
                        f->message_type()->full_name() != "concordia.v1.Date" &&
                        f->message_type()->full_name() !=
                            "google.protobuf.Timestamp";
    if (!f->is_repeated()) {
      if (record) {
        out << indent << f->name() << ":\n";
        Print(r->GetMessage(m, f), out, indent + "  ");
      } else {
        out << indent << f->name() << ": " << Value(m, *f, 0) << "\n";
      }
      continue;
    }
    const int n = r->FieldSize(m, f);
    if (!record) {
      std::vector<std::string> items;
      for (int i = 0; i < n; ++i) items.push_back(Value(m, *f, i));
      out << indent << f->name() << ": " << absl::StrJoin(items, ", ") << "\n";
      continue;
    }
    out << indent << f->name() << " (" << n << "):\n";
    const Descriptor& d = *f->message_type();
    if (Flat(d)) {
      std::vector<std::string> headers;
      for (int c = 0; c < d.field_count(); ++c) {
        headers.push_back(absl::AsciiStrToUpper(d.field(c)->name()));
      }
      Table table(headers);
      for (int i = 0; i < n; ++i) {
        const Message& row = r->GetRepeatedMessage(m, f, i);
        std::vector<std::string> cells;
        for (int c = 0; c < d.field_count(); ++c) {
          const FieldDescriptor* cf = d.field(c);
          if (cf->is_repeated()) {
            std::vector<std::string> items;
            for (int k = 0; k < row.GetReflection()->FieldSize(row, cf); ++k) {
              items.push_back(Value(row, *cf, k));
            }
            cells.push_back(absl::StrJoin(items, ","));
          } else {
            cells.push_back(Value(row, *cf, 0));
          }
        }
        table.AddRow(cells);
      }
      std::ostringstream body;
      table.Print(body);
      for (absl::string_view line : absl::StrSplit(body.str(), '\n',
                                                   absl::SkipEmpty())) {
        out << indent << "  " << line << "\n";
      }
    } else {
      for (int i = 0; i < n; ++i) {
        out << indent << "  - #" << (i + 1) << "\n";
        Print(r->GetRepeatedMessage(m, f, i), out, indent + "    ");
      }
    }
  }
}

}  // namespace

void PrintReadable(const Message& message, std::ostream& out) {
  Print(message, out, "");
}

}  // namespace concordia::cli
