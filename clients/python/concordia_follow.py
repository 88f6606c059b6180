#!/usr/bin/python3
"""Follow a consortium's decisions from Concordia into a local SQLite file.

An integration example for a regional system. It subscribes to the decision
stream of one consortium (by default the published deliberations), writes
every event to SQLite, and stores its position in the same transaction as the
rows, so after a crash or a restart it resumes from exactly where it stopped:
no event is missed and none is written twice. When the connection drops it
reconnects and resumes from the stored position.

Usage:
  concordia_follow.py --server=HOST:PORT --consortium=ID --db=FILE
      [--type=concordia.v1.DeliberationPublished] [--stream-prefix=PREFIX]
      [--as=PRINCIPAL] [--tls-dir=DIR] [--max-events=N] [--idle-exit=SECONDS]

Runs with Debian's python3-grpcio and python3-protobuf. The gRPC stubs are
generated from the project's proto/ directory with Debian's protoc and
grpc_python_plugin into a cache directory on first use.
"""

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROTO_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "proto"))


def load_stubs(proto_dir, cache_dir):
    """Generates (once) and imports the concordia.v1 event stubs."""
    out = os.path.join(cache_dir, "concordia_stubs")
    marker = os.path.join(out, "concordia", "v1", "events_pb2_grpc.py")
    source = os.path.join(proto_dir, "concordia", "v1", "events.proto")
    if not os.path.exists(marker) or os.path.getmtime(marker) < os.path.getmtime(source):
        os.makedirs(out, exist_ok=True)
        subprocess.run(
            ["protoc", "-I.", "--python_out=" + out, "--grpc_out=" + out,
             "--plugin=protoc-gen-grpc=/usr/bin/grpc_python_plugin",
             "concordia/v1/events.proto"],
            check=True, cwd=proto_dir)
    sys.path.insert(0, out)
    from concordia.v1 import events_pb2, events_pb2_grpc  # noqa: E402
    return events_pb2, events_pb2_grpc


SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
  position       INTEGER PRIMARY KEY,
  stream         TEXT NOT NULL,
  type           TEXT NOT NULL,
  principal      TEXT NOT NULL,
  recorded_at    TEXT NOT NULL,
  effective_time TEXT NOT NULL,
  payload_json   TEXT NOT NULL,
  hash_hex       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cursor (
  consortium TEXT PRIMARY KEY,
  position   INTEGER NOT NULL
);
"""


class Store:
    """The local SQLite copy and the position it reflects, changed together."""

    def __init__(self, path, consortium):
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.consortium = consortium

    def position(self):
        row = self.db.execute(
            "SELECT position FROM cursor WHERE consortium = ?",
            (self.consortium,)).fetchone()
        return row[0] if row else 0

    def save(self, events, position):
        """Writes the events and the new position in one transaction."""
        with self.db:
            for e in events:
                self.db.execute(
                    "INSERT INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (e.position, e.stream, e.type, e.principal,
                     e.recorded_at.ToJsonString(),
                     e.effective_time.ToJsonString(), e.payload_json,
                     e.hash.hex()))
            self.db.execute(
                "INSERT INTO cursor VALUES (?, ?) ON CONFLICT(consortium) "
                "DO UPDATE SET position = excluded.position",
                (self.consortium, position))


def channel_for(args, grpc):
    if args.tls_dir:
        def read(name):
            with open(os.path.join(args.tls_dir, name), "rb") as f:
                return f.read()
        creds = grpc.ssl_channel_credentials(
            root_certificates=read("ca.crt"),
            private_key=read(args.as_ + ".key"),
            certificate_chain=read(args.as_ + ".crt"))
        return grpc.secure_channel(args.server, creds)
    return grpc.insecure_channel(args.server)


def follow(args):
    import grpc
    events_pb2, events_pb2_grpc = load_stubs(args.proto_dir, args.cache_dir)
    store = Store(args.db, args.consortium)
    metadata = [] if args.tls_dir else [("concordia-principal", args.as_)]
    written = 0
    backoff = 0.2
    while True:
        start = store.position() + 1
        request = events_pb2.SubscribeEventsRequest(
            consortium_id=args.consortium, from_position=start,
            stream_prefix=args.stream_prefix, event_types=args.type,
            include_json=True)
        channel = channel_for(args, grpc)
        stub = events_pb2_grpc.EventServiceStub(channel)
        call = stub.SubscribeEvents(request, metadata=metadata)
        last_event = time.monotonic()
        try:
            for message in call:
                events = list(message.events)
                # Every position up to log_position is delivered or filtered
                # out, so the cursor moves even when nothing matched.
                position = message.log_position
                if args.max_events and written + len(events) > args.max_events:
                    events = events[:args.max_events - written]
                    position = events[-1].position
                store.save(events, position)
                written += len(events)
                for e in events:
                    print(f"{e.position} {e.stream} {e.type}", flush=True)
                if events:
                    last_event = time.monotonic()
                if args.max_events and written >= args.max_events:
                    call.cancel()
                    return 0
                if args.idle_exit and time.monotonic() - last_event > args.idle_exit:
                    call.cancel()
                    return 0
            backoff = 0.2
        except grpc.RpcError as error:
            code = error.code()
            if code in (grpc.StatusCode.PERMISSION_DENIED,
                        grpc.StatusCode.UNAUTHENTICATED,
                        grpc.StatusCode.INVALID_ARGUMENT):
                print(f"concordia_follow: {code.name}: {error.details()}",
                      file=sys.stderr)
                return 3
            print(f"concordia_follow: {code.name}: {error.details()}; "
                  f"resuming from {store.position() + 1}", file=sys.stderr)
            time.sleep(backoff)
            backoff = min(backoff * 2, 10)
        finally:
            channel.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="127.0.0.1:7411")
    parser.add_argument("--consortium", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--type", action="append",
                        help="event type to keep (repeatable); default "
                             "concordia.v1.DeliberationPublished")
    parser.add_argument("--stream-prefix", default="")
    parser.add_argument("--as", dest="as_", default="regional-system")
    parser.add_argument("--tls-dir", default="")
    parser.add_argument("--proto-dir", default=DEFAULT_PROTO_DIR)
    parser.add_argument("--cache-dir",
                        default=os.path.join(tempfile.gettempdir(),
                                             "concordia-python"))
    parser.add_argument("--max-events", type=int, default=0)
    parser.add_argument("--idle-exit", type=float, default=0)
    args = parser.parse_args()
    if not args.type:
        args.type = ["concordia.v1.DeliberationPublished"]
    return follow(args)


if __name__ == "__main__":
    sys.exit(main())
