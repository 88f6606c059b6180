// LeakSanitizer suppressions, linked into every binary under --config=asan
// (through --custom_malloc in .bazelrc, which adds one dependency to every
// cc_binary and cc_test).
//
// Debian's c-ares (gRPC's DNS resolver, used when a client connects to a
// name such as "localhost") keeps small allocations for the process's
// lifetime, which LeakSanitizer reports at exit. Leaks whose allocation
// stack passes through project code are still reported.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libcares.so.2\n";
}
