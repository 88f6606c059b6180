// The release version of Concordia, shared by the server and its clients.
//
// Thread-safety: constants only.
//
// Example:
//   std::cout << "concordiad " << concordia::kVersion << "\n";
#ifndef CONCORDIA_ENGINE_COMMON_VERSION_H_
#define CONCORDIA_ENGINE_COMMON_VERSION_H_

namespace concordia {

// Semantic version of this build of Concordia.
inline constexpr char kVersion[] = "0.1.0";

}  // namespace concordia

#endif  // CONCORDIA_ENGINE_COMMON_VERSION_H_
