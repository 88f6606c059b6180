"""cc_grpc_proto: one .proto set -> one C++ library of messages and gRPC stubs.

Every proto in proto/ is built through this macro. It runs Debian's protoc with
/usr/bin/grpc_cpp_plugin in a genrule, with proto/ as the import root, so
`import "concordia/v1/common.proto";` and `#include "concordia/v1/common.pb.h"`
both name files relative to proto/.

Example (proto/concordia/v1/BUILD):

    load("//proto:cc_grpc_proto.bzl", "cc_grpc_proto")

    cc_grpc_proto(
        name = "admin",
        srcs = ["admin.proto"],
        deps = [":common"],
    )

The macro defines `<name>` (the cc_library) and `<name>_protos` (the .proto files
of this target and of its deps, which protoc needs to resolve imports).
"""

_PROTO_ROOT = "proto"

def cc_grpc_proto(name, srcs, deps = [], visibility = None):
    """Generates and compiles messages and gRPC stubs for `srcs`.

    Args:
      name: name of the cc_library to define.
      srcs: .proto files in this package.
      deps: other cc_grpc_proto targets whose protos `srcs` import.
      visibility: visibility of the library.
    """
    pkg = native.package_name()
    if not (pkg == _PROTO_ROOT or pkg.startswith(_PROTO_ROOT + "/")):
        fail("cc_grpc_proto must be used under //proto, not //" + pkg)

    native.filegroup(
        name = name + "_protos",
        srcs = srcs + [d + "_protos" for d in deps],
        visibility = ["//visibility:public"],
    )

    bases = [s[:-len(".proto")] for s in srcs]
    pb_h = [b + ".pb.h" for b in bases]
    pb_cc = [b + ".pb.cc" for b in bases]
    grpc_h = [b + ".grpc.pb.h" for b in bases]
    grpc_cc = [b + ".grpc.pb.cc" for b in bases]

    native.genrule(
        name = name + "_gen",
        srcs = [":" + name + "_protos"],
        outs = pb_h + pb_cc + grpc_h + grpc_cc,
        cmd = " ".join([
            "protoc",
            "-I" + _PROTO_ROOT,
            "--cpp_out=$(GENDIR)/" + _PROTO_ROOT,
            "--grpc_out=$(GENDIR)/" + _PROTO_ROOT,
            "--plugin=protoc-gen-grpc=/usr/bin/grpc_cpp_plugin",
        ] + ["%s/%s" % (pkg, s) for s in srcs]),
        message = "protoc " + " ".join(srcs),
    )

    native.cc_library(
        name = name,
        srcs = pb_cc + grpc_cc,
        hdrs = pb_h + grpc_h,
        strip_include_prefix = "/" + _PROTO_ROOT,
        deps = deps + [
            "//third_party/system:grpc",
            "//third_party/system:protobuf",
        ],
        visibility = visibility,
    )
