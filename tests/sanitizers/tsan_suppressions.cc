// ThreadSanitizer suppressions, linked into every binary under --config=tsan
// (through --custom_malloc in .bazelrc, which adds one dependency to every
// cc_binary and cc_test).
//
// Debian's gRPC, RocksDB, Protobuf and Abseil are not built with
// -fsanitize=thread, so TSan cannot see their internal synchronisation and
// reports races between their own threads (RocksDB's background flushes and
// block cache, gRPC's event engine). A race report is suppressed when a stack
// passes through one of these libraries; races between project threads on
// project data are still reported, which is what these builds are for.
extern "C" const char* __tsan_default_suppressions() {
  return "called_from_lib:libgrpc.so.29\n"
         "called_from_lib:libgpr.so.29\n"
         "called_from_lib:libgrpc++.so.1.51\n"
         "called_from_lib:librocksdb.so.7.8\n"
         "race:libgrpc.so.29\n"
         "race:libgpr.so.29\n"
         "race:libgrpc++.so.1.51\n"
         "race:librocksdb.so.7.8\n"
         "race:libprotobuf.so.32\n"
         "deadlock:librocksdb.so.7.8\n"
         // RocksDB's block decompression.
         "called_from_lib:libsnappy.so.1\n"
         "race:libsnappy.so.1\n"
         "race:rocksdb::\n"
         // OpenSSL under gRPC's TLS (in-process mutual-TLS servers in the
         // end-to-end tests), likewise uninstrumented.
         "called_from_lib:libssl.so.3\n"
         "called_from_lib:libcrypto.so.3\n"
         "race:libssl.so.3\n"
         "race:libcrypto.so.3\n"
         // gRPC's C++ wrappers are inlined from its headers: a client reading
         // a status the (in-process) server's gRPC threads wrote is ordered
         // by gRPC's completion queue, which TSan cannot see.
         "race:grpc::internal::CallOp\n"
         // Abseil's own Mutex bookkeeping (used inside gRPC), likewise.
         "called_from_lib:libabsl_synchronization.so.20220623\n"
         "called_from_lib:libabsl_graphcycles_internal.so.20220623\n"
         "race:libabsl_\n";
}
